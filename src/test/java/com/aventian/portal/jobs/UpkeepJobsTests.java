package com.aventian.portal.jobs;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The portal's nightly upkeep as recurring jobs: one execution each in the shared table, run when due. */
@PortalTest
class UpkeepJobsTests {

	private static final String LINKS_PURGE = "expired-links-purge";

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Scheduler scheduler;

	@Autowired
	TestUsers users;

	@Test
	void eachNightlyJobHasOneExecutionDueAtItsTimeInUtc() {
		Map<String, Instant> due = this.jdbc
			.query("select task_name, execution_time from aventian.scheduled_tasks where task_instance = 'recurring'",
					(row, n) -> Map.entry(row.getString(1), row.getTimestamp(2).toInstant()))
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

		assertThat(due).containsOnlyKeys("audit-partition-upkeep", LINKS_PURGE, "billing-renewal");
		assertThat(due.get("audit-partition-upkeep").atOffset(ZoneOffset.UTC).toLocalTime()).isEqualTo(LocalTime.of(0, 5));
		assertThat(due.get(LINKS_PURGE).atOffset(ZoneOffset.UTC).toLocalTime()).isEqualTo(LocalTime.of(0, 15));
		// the renewal job runs every ten minutes (aventian.billing.renewal-cron)
		assertThat(due.get("billing-renewal").atOffset(ZoneOffset.UTC).getMinute() % 10).isZero();
	}

	@Test
	void aDueLinksPurgeDeletesLinksPastTheRetentionAndWaitsForTheNextNight() throws InterruptedException {
		// given a link that expired a month ago
		User user = this.users.create("Pia Purge");
		byte[] hash = new byte[32];
		new SecureRandom().nextBytes(hash);
		this.jdbc.update("insert into aventian.tbl_email_tokens (user_id, purpose, email, token_hash, expires_at) "
				+ "values (?, 'VERIFY_EMAIL', ?, ?, now() - interval '30 days')", user.id(), user.email(), hash);

		// when the purge comes due
		this.scheduler.reschedule(TaskInstanceId.of(LINKS_PURGE, "recurring"), Instant.now());

		// then one instance runs it: the link is gone and the job waits for its next night
		Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
		while (linksOf(user) > 0 && Instant.now().isBefore(deadline)) {
			Thread.sleep(100);
		}
		assertThat(linksOf(user)).isZero();
		Instant next = this.jdbc.queryForObject(
				"select execution_time from aventian.scheduled_tasks where task_name = ? and task_instance = 'recurring'",
				Timestamp.class, LINKS_PURGE).toInstant();
		assertThat(next).isAfter(Instant.now());
		assertThat(next.atOffset(ZoneOffset.UTC).toLocalTime()).isEqualTo(LocalTime.of(0, 15));
	}

	private int linksOf(User user) {
		return this.jdbc.queryForObject("select count(*) from aventian.tbl_email_tokens where user_id = ?", Integer.class,
				user.id());
	}

}
