package com.aventian.portal.team;

import java.sql.Connection;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.aventian.portal.TestDatabases;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V31 counts every team's memberships once, on a database the portal's other instances may still be writing to
 * (a rolling deployment): a membership removed meanwhile must not stay in the count it starts from.
 */
class TeamMemberCountMigrationTests {

	private static final String DATABASE = "v31_backfill_race";

	@Test
	void aMembershipRemovedWhileV31CountsIsNotCounted() throws Exception {
		assertThat(countAfterV31RanBeside("delete from aventian.tbl_memberships where team_id = ? and user_id = ?"))
			.isEqualTo(1);
	}

	@Test
	void aMembershipAddedWhileV31CountsIsCounted() throws Exception {
		assertThat(countAfterV31RanBeside("insert into aventian.tbl_memberships (team_id, user_id) values (?, ?)"))
			.isEqualTo(2);
	}

	/**
	 * The team's kept count after V31 ran while another instance's change of one membership was in flight (made
	 * before the migration started, committed once the migration waits for it), checked against the memberships.
	 */
	private static int countAfterV31RanBeside(String change) throws Exception {
		try (HikariDataSource database = database()) {
			migrate(database, "30");
			JdbcTemplate jdbc = new JdbcTemplate(database);
			UUID team = jdbc.queryForObject("insert into aventian.tbl_teams (name, slug) values ('Racing', 'racing') returning id",
					UUID.class);
			UUID staying = user(jdbc, "stays@example.test");
			UUID changing = user(jdbc, "changes@example.test");
			jdbc.update("insert into aventian.tbl_memberships (team_id, user_id) values (?, ?)", team, staying);
			if (change.startsWith("delete")) {
				jdbc.update("insert into aventian.tbl_memberships (team_id, user_id) values (?, ?)", team, changing);
			}

			try (Connection other = database.getConnection()) {
				other.setAutoCommit(false);
				new JdbcTemplate(new SingleConnectionDataSource(other, true)).update(change, team, changing);
				CompletableFuture<Void> migration = CompletableFuture.runAsync(() -> migrate(database, "31"));
				awaitAWaitForALock(jdbc, migration);
				other.commit();
				migration.get(60, TimeUnit.SECONDS);
			}

			int kept = jdbc.queryForObject("select member_count from aventian.tbl_teams where id = ?", Integer.class, team);
			assertThat(kept).as("kept count").isEqualTo(
					jdbc.queryForObject("select count(*) from aventian.tbl_memberships where team_id = ?", Integer.class, team));
			return kept;
		}
	}

	private static HikariDataSource database() {
		HikariDataSource database = new HikariDataSource();
		database.setJdbcUrl(TestDatabases.fresh(DATABASE));
		database.setUsername("postgres");
		database.setPassword("postgres");
		database.setMaximumPoolSize(4);
		return database;
	}

	private static void migrate(HikariDataSource database, String target) {
		Flyway.configure()
			.dataSource(database)
			.schemas("aventian", "aventian_audit")
			.defaultSchema("aventian")
			.locations("classpath:db/migration")
			.target(target)
			.load()
			.migrate();
	}

	private static UUID user(JdbcTemplate jdbc, String email) {
		return jdbc.queryForObject("insert into aventian.tbl_users (email, display_name) values (?, ?) returning id",
				UUID.class, email, email);
	}

	/** Until the migration waits for the removal's lock (or has finished without waiting). */
	private static void awaitAWaitForALock(JdbcTemplate jdbc, CompletableFuture<Void> migration) throws InterruptedException {
		long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (!migration.isDone() && System.nanoTime() < until) {
			Integer waiting = jdbc.queryForObject(
					"select count(*) from pg_stat_activity where datname = ? and wait_event_type = 'Lock'", Integer.class,
					DATABASE);
			if (waiting > 0) {
				return;
			}
			Thread.sleep(20);
		}
	}

}
