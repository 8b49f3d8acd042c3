package com.aventian.portal.mail;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.aventian.portal.PortalTest;
import com.aventian.portal.SmtpOutage;
import com.aventian.portal.TestMailbox;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Mail as background jobs on the shared database, delivered to the test SMTP server. */
@PortalTest
class MailJobsTests {

	@Autowired
	Postman postman;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aMailAskedForInATransactionThatRollsBackIsNeverSent() {
		String rolledBack = unique("rolled.back");
		String committed = unique("committed");

		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> {
			this.postman.send(mail(rolledBack));
			status.setRollbackOnly();
		});
		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> this.postman.send(mail(committed)));

		// the committed mail, asked for later, arrived: the worker has seen everything before it
		TestMailbox.awaitMail(committed, 1);
		assertThat(TestMailbox.mailsTo(rolledBack)).isEmpty();
		assertThat(tasksFor(rolledBack)).isZero();
	}

	@Test
	void aMailTheServerRefusesIsTriedAgainAndDeliveredOnceTheServerIsBackThenForgotten() throws InterruptedException {
		String to = unique("retried");
		try (SmtpOutage outage = SmtpOutage.refusing()) {
			new TransactionTemplate(this.transactions).executeWithoutResult((status) -> this.postman.send(mail(to)));

			awaitFailedAttempts(to, 2);
		}

		assertThat(TestMailbox.bodyOf(TestMailbox.awaitMail(to, 1))).contains("A body for " + to);
		assertThat(TestMailbox.mailsTo(to)).hasSize(1);
		assertThat(tasksFor(to)).isZero();
	}

	private void awaitFailedAttempts(String to, int failures) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
		while (Instant.now().isBefore(deadline)) {
			Integer failed = this.jdbc.query(
					"select consecutive_failures from aventian.scheduled_tasks where task_name = 'mail' and convert_from(task_data, 'UTF8') like ?",
					(rows) -> rows.next() ? rows.getInt(1) : null, "%" + to + "%");
			if (failed != null && failed >= failures) {
				return;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("The mail to " + to + " did not fail " + failures + " times within 20 s");
	}

	private int tasksFor(String to) {
		return this.jdbc.queryForObject(
				"select count(*) from aventian.scheduled_tasks where convert_from(task_data, 'UTF8') like ?", Integer.class,
				"%" + to + "%");
	}

	private static OutgoingMail mail(String to) {
		return new OutgoingMail(to, "Hello", "A body for " + to);
	}

	private static String unique(String name) {
		return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
	}

}
