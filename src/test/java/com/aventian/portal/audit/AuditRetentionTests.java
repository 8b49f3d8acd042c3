package com.aventian.portal.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import javax.sql.DataSource;

import com.aventian.portal.TestDatabases;
import com.aventian.portal.local.EmbeddedServices;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.ibatis.session.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mybatis.spring.SqlSessionFactoryBean;
import org.mybatis.spring.SqlSessionTemplate;

import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention by whole day partitions, on a database of its own, run as the application's restricted role
 * (which owns nothing: it drops partitions only through V16's functions). "Today" is 15 June 2031.
 */
class AuditRetentionTests {

	static final LocalDate TODAY = LocalDate.of(2031, 6, 15);

	static final Clock CLOCK = Clock.fixed(TODAY.atTime(0, 5).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

	HikariDataSource owner;

	HikariDataSource application;

	AuditMapper mapper;

	JdbcTemplate jdbc;

	@BeforeEach
	void databaseOfItsOwn() throws Exception {
		this.owner = TestDatabases.migrated("avn_audit_retention");
		this.application = new HikariDataSource();
		this.application.setJdbcUrl(this.owner.getJdbcUrl());
		this.application.setUsername(EmbeddedServices.APPLICATION_USER);
		this.application.setPassword(EmbeddedServices.APPLICATION_PASSWORD);
		this.application.setMaximumPoolSize(6);
		this.mapper = mapper(this.application);
		this.jdbc = new JdbcTemplate(this.application);
	}

	@AfterEach
	void close() {
		this.application.close();
		this.owner.close();
	}

	@Test
	void dayPartitionsPastEachTablesRetentionAreDroppedAndNewerOnesKept() {
		// given day partitions from 1 to 15 June, a row in each, events kept 10 days and login activity 8
		this.mapper.ensureDailyPartitions("tbl_audit_events", LocalDate.of(2031, 6, 1), 15);
		this.mapper.ensureDailyPartitions("tbl_login_activity", LocalDate.of(2031, 6, 1), 15);
		for (int day = 1; day <= 15; day++) {
			Instant noon = LocalDate.of(2031, 6, day).atTime(12, 0).toInstant(ZoneOffset.UTC);
			insertEvent(noon);
			insertLogin(noon);
		}

		// when the upkeep runs
		AuditPartitions.Upkeep upkeep = partitions(10, 8).maintain();

		// then events before 5 June and login activity before 7 June are gone, whole days; the rest stays
		assertThat(days("tbl_audit_events")).first().isEqualTo("20310605");
		assertThat(days("tbl_login_activity")).first().isEqualTo("20310607");
		assertThat(oldestRow("tbl_audit_events", "occurred_at")).isEqualTo("2031-06-05");
		assertThat(oldestRow("tbl_login_activity", "\"timestamp\"")).isEqualTo("2031-06-07");
		assertThat(upkeep.dropped()).isEqualTo(4 + 6);
		// and the coming week's partitions exist: today and seven days ahead
		assertThat(days("tbl_audit_events")).last().isEqualTo("20310622");
		assertThat(days("tbl_login_activity")).last().isEqualTo("20310622");
	}

	@Test
	void aPartitionHoldingRowsNewerThanTheRetentionIsKeptWhateverItsName() {
		// given a partition whose name says 1 June but which holds 14 June (attached by hand, say)
		new JdbcTemplate(this.owner).execute("""
				create table aventian_audit.tbl_audit_events_20310601 partition of aventian_audit.tbl_audit_events
				for values from ('2031-06-14 00:00:00+00') to ('2031-06-15 00:00:00+00')""");
		insertEvent(Instant.parse("2031-06-14T08:00:00Z"));

		// when the upkeep drops what is past eight days by name
		partitions(8, 8).maintain();

		// then the row newer than the retention is still there, and so is its partition
		assertThat(days("tbl_audit_events")).contains("20310601");
		assertThat(this.jdbc.queryForObject("select count(*) from aventian_audit.tbl_audit_events", Integer.class)).isEqualTo(1);
	}

	@Test
	void rowsThatFellIntoTheDefaultPartitionAreMovedIntoTheirDayOrKeptUntilTheyExpire() {
		// given rows of days without a partition: long expired, within retention, and next week
		Instant expired = Instant.parse("2031-05-01T10:00:00Z");
		Instant recent = Instant.parse("2031-06-10T10:00:00Z");
		Instant nextWeek = Instant.parse("2031-06-20T10:00:00Z");
		Instant farAhead = Instant.parse("2031-07-30T10:00:00Z");
		for (Instant at : List.of(expired, recent, nextWeek, farAhead)) {
			insertEvent(at);
		}
		long nextWeeksId = this.jdbc.queryForObject(
				"select id from aventian_audit.tbl_audit_events where occurred_at = ?", Long.class,
				java.sql.Timestamp.from(nextWeek));

		// when the upkeep creates the coming days and applies the retention
		AuditPartitions.Upkeep upkeep = partitions(8, 8).maintain();

		// then next week's row moved into its new partition with its id; the expired one is deleted; the others wait
		assertThat(this.jdbc.queryForObject(
				"select tableoid::regclass::text from aventian_audit.tbl_audit_events where id = ?", String.class, nextWeeksId))
			.isEqualTo("aventian_audit.tbl_audit_events_20310620");
		assertThat(this.jdbc.queryForList("select occurred_at from aventian_audit.tbl_audit_events "
				+ "where tableoid = 'aventian_audit.tbl_audit_events_default'::regclass order by 1",
				java.sql.Timestamp.class)).extracting(java.sql.Timestamp::toInstant).containsExactly(recent, farAhead);
		assertThat(upkeep.purged()).isEqualTo(1);
	}

	@Test
	void theUpkeepJobOnTwoInstancesRunsOnceAndDropsEachPartitionOnce() throws Exception {
		// given expired partitions of both tables (1 to 6 June) and two instances scheduling the same upkeep
		this.mapper.ensureDailyPartitions("tbl_audit_events", LocalDate.of(2031, 6, 1), 6);
		this.mapper.ensureDailyPartitions("tbl_login_activity", LocalDate.of(2031, 6, 1), 6);
		List<AuditPartitions.Upkeep> runs = new CopyOnWriteArrayList<>();
		Scheduler first = scheduler(counting(runs));
		Scheduler second = scheduler(counting(runs));
		first.start();
		second.start();
		try {
			// when its execution comes due
			first.reschedule(TaskInstanceId.of(AuditJobs.PARTITION_UPKEEP, "recurring"), Instant.now());
			Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
			while (runs.isEmpty() && Instant.now().isBefore(deadline)) {
				Thread.sleep(100);
			}
			Thread.sleep(1_500);
		}
		finally {
			first.stop();
			second.stop();
		}

		// then one instance ran it, dropping the twelve partitions
		assertThat(runs).hasSize(1);
		assertThat(runs.get(0).dropped()).isEqualTo(12);
		assertThat(days("tbl_audit_events")).first().isEqualTo("20310615");
	}

	@Test
	void twoUpkeepsAtOnceDropEachPartitionOnceAndNeitherFails() throws Exception {
		// given expired partitions and two instances starting the upkeep at the same moment
		this.mapper.ensureDailyPartitions("tbl_audit_events", LocalDate.of(2031, 5, 1), 30);
		this.mapper.ensureDailyPartitions("tbl_login_activity", LocalDate.of(2031, 5, 1), 30);
		AuditPartitions one = partitions(8, 8);
		AuditPartitions other = partitions(8, 8);
		CountDownLatch start = new CountDownLatch(1);

		// when both run
		CompletableFuture<AuditPartitions.Upkeep> a = CompletableFuture.supplyAsync(() -> awaitThen(start, one));
		CompletableFuture<AuditPartitions.Upkeep> b = CompletableFuture.supplyAsync(() -> awaitThen(start, other));
		start.countDown();

		// then the partitions of 1 to 30 May went once: 30 days of two tables, shared between them
		assertThat(a.get().dropped() + b.get().dropped()).isEqualTo(2 * 30);
		assertThat(a.get().created() + b.get().created()).isEqualTo(2 * 8);
		assertThat(days("tbl_login_activity")).first().isEqualTo("20310615");
	}

	private static AuditPartitions.Upkeep awaitThen(CountDownLatch start, AuditPartitions partitions) {
		try {
			start.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return partitions.maintain();
	}

	private AuditPartitions partitions(int eventsDays, int loginDays) {
		return new AuditPartitions(this.mapper, CLOCK, 7, eventsDays, loginDays);
	}

	private AuditPartitions counting(List<AuditPartitions.Upkeep> runs) {
		return new AuditPartitions(this.mapper, CLOCK, 7, 8, 8) {
			@Override
			Upkeep maintain() {
				Upkeep upkeep = super.maintain();
				runs.add(upkeep);
				return upkeep;
			}
		};
	}

	private Scheduler scheduler(AuditPartitions partitions) {
		return Scheduler.create(this.application)
			.startTasks(List.of(new AuditJobs().auditPartitionUpkeepJob(partitions)))
			.tableName("aventian.scheduled_tasks")
			.pollingInterval(Duration.ofMillis(200))
			.threads(2)
			.build();
	}

	private void insertEvent(Instant at) {
		this.jdbc.update("insert into aventian_audit.tbl_audit_events (occurred_at, action) values (?, 'TEAM_RENAMED')",
				java.sql.Timestamp.from(at));
	}

	private void insertLogin(Instant at) {
		this.jdbc.update("insert into aventian_audit.tbl_login_activity (user_email, action, \"timestamp\") "
				+ "values ('a@example.com', 'LOGIN', ?)", java.sql.Timestamp.from(at));
	}

	/** The days of a table's partitions, oldest first. */
	private Set<String> days(String table) {
		return new TreeSet<>(this.jdbc.queryForList("""
				select right(c.relname, 8) from pg_inherits i
				join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
				where p.relname = ? and c.relname ~ '_[0-9]{8}$'""", String.class, table));
	}

	private String oldestRow(String table, String column) {
		return this.jdbc.queryForObject("select min(" + column + " at time zone 'UTC')::date::text from aventian_audit."
				+ table, String.class);
	}

	static AuditMapper mapper(DataSource dataSource) throws Exception {
		SqlSessionFactoryBean factory = new SqlSessionFactoryBean();
		factory.setDataSource(dataSource);
		factory.setMapperLocations(new PathMatchingResourcePatternResolver()
			.getResources("classpath*:com/aventian/portal/audit/AuditMapper.xml"));
		factory.setTypeHandlersPackage("com.aventian.portal.shared.mybatis");
		Configuration configuration = new Configuration();
		configuration.setMapUnderscoreToCamelCase(true);
		configuration.setArgNameBasedConstructorAutoMapping(true);
		factory.setConfiguration(configuration);
		return new SqlSessionTemplate(factory.getObject()).getMapper(AuditMapper.class);
	}

}
