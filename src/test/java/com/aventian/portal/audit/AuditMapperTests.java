package com.aventian.portal.audit;

import java.net.InetAddress;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.aventian.portal.PortalTest;
import com.aventian.portal.shared.mybatis.Jsonb;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

@PortalTest
@Transactional
class AuditMapperTests {

	@Autowired
	AuditMapper audit;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void loginActivityRoundTripsWithItsInetAddress() throws Exception {
		String email = UUID.randomUUID() + "@example.com";
		UUID teamId = UUID.randomUUID();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

		this.audit.insertLoginActivity(new LoginActivity(null, email, teamId, null, LoginAction.TEAM_SWITCHED, now,
				InetAddress.getByName("2001:db8::7"), "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0"));

		assertThat(this.audit.findLoginActivityByEmail(email.toUpperCase(), 10)).singleElement().satisfies((row) -> {
			assertThat(row.id()).isNotNull();
			assertThat(row.action()).isEqualTo(LoginAction.TEAM_SWITCHED);
			assertThat(row.teamId()).isEqualTo(teamId);
			assertThat(row.timestamp()).isEqualTo(now);
			assertThat(row.ip()).isEqualTo(InetAddress.getByName("2001:db8::7"));
			assertThat(row.userAgent()).isEqualTo("Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0");
		});
	}

	@Test
	void anAuditEventRoundTripsWithItsJsonDetails() throws Exception {
		String target = UUID.randomUUID().toString();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

		this.audit.insertAuditEvent(new AuditEvent(null, now, UUID.randomUUID(), "a@example.com", "ROLE_CHANGED", "user",
				target, UUID.randomUUID(), null, new Jsonb("{\"from\": \"Viewer\", \"to\": \"Admin\"}"),
				InetAddress.getByName("10.1.2.3")));

		assertThat(this.audit.findAuditEventsByTarget("user", target)).singleElement().satisfies((event) -> {
			assertThat(event.action()).isEqualTo("ROLE_CHANGED");
			assertThat(event.occurredAt()).isEqualTo(now);
			assertThat(event.details().json()).contains("\"to\": \"Admin\"");
			assertThat(event.ip().getHostAddress()).isEqualTo("10.1.2.3");
		});
	}

	@Test
	void rowsOutsideTheDayPartitionsLandInTheDefaultPartition() throws Exception {
		String email = UUID.randomUUID() + "@example.com";
		Instant longAgo = Instant.parse("2001-01-01T00:00:00Z");

		this.audit.insertLoginActivity(new LoginActivity(null, email, null, null, LoginAction.LOGIN, longAgo, null, null));

		assertThat(this.jdbc.queryForObject(
				"select tableoid::regclass::text from aventian_audit.tbl_login_activity where user_email = ?", String.class,
				email)).isEqualTo("aventian_audit.tbl_login_activity_default");
	}

	@Test
	void partitionsAreCreatedOnceAndDroppedPastTheCutOff() {
		LocalDate day = LocalDate.of(2030, 1, 1);
		assertThat(this.audit.ensureDailyPartitions("tbl_login_activity", day, 2)).isEqualTo(2);
		assertThat(this.audit.ensureDailyPartitions("tbl_login_activity", day, 2)).isZero();

		// today's partitions are before the cut-off too: they go as well, until this test's transaction rolls back
		int dropped = this.audit.dropDailyPartitionsBefore("tbl_login_activity", LocalDate.of(2030, 1, 2));

		assertThat(dropped).isGreaterThanOrEqualTo(1);
		assertThat(this.jdbc.queryForObject(
				"select to_regclass('aventian_audit.tbl_login_activity_20300101') is null", Boolean.class)).isTrue();
		assertThat(this.jdbc.queryForObject(
				"select to_regclass('aventian_audit.tbl_login_activity_20300102') is not null", Boolean.class)).isTrue();
	}

}
