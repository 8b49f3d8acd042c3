package com.aventian.portal.mail;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.aventian.portal.AventianApplication;
import com.aventian.portal.TestDatabases;
import com.aventian.portal.TestMailbox;
import com.aventian.portal.TestServices;
import com.github.kagkarlsson.scheduler.Scheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mail across instances and crashes: whole portals started on a database of their own, so no other
 * test context's worker takes their mail.
 */
@ExtendWith(OutputCaptureExtension.class)
class MailDurabilityTests {

	@Test
	void aMailCommittedBeforeACrashIsSentByTheNextInstance() {
		String database = TestDatabases.fresh("avn_mail_crash");
		String to = unique("survivor");
		try (ConfigurableApplicationContext crashing = portal(database, Map.of())) {
			// given an instance whose worker has died
			crashing.getBean(Scheduler.class).stop();

			// when a mail is committed and then the instance goes down
			send(crashing, new OutgoingMail(to, "Still here", "Sent after a crash"));
			assertThat(mailTasks(crashing)).isEqualTo(1);
		}
		assertThat(TestMailbox.mailsTo(to)).isEmpty();

		// then the next instance on the database sends it, and forgets it
		try (ConfigurableApplicationContext next = portal(database, Map.of())) {
			assertThat(TestMailbox.subjectOf(TestMailbox.awaitMail(to, 1))).isEqualTo("Still here");
			awaitNoMailTasks(next);
		}
	}

	@Test
	void aMailThatKeepsFailingIsGivenUpAfterTheLastAttemptAndLoggedWithoutItsBody(CapturedOutput output)
			throws IOException {
		String database = TestDatabases.fresh("avn_mail_give_up");
		String to = unique("unreachable");
		Map<String, Object> deadServer = Map.of("spring.mail.port", deadPort(), "aventian.mail.retry.max-attempts", "3",
				"aventian.mail.retry.first-delay", "200ms");
		try (ConfigurableApplicationContext portal = portal(database, deadServer)) {
			send(portal, new OutgoingMail(to, "Your link", "https://portal.example/reset?token=secret-token-" + to));

			awaitNoMailTasks(portal);
		}

		assertThat(output).contains("Gave up sending OutgoingMail[to=" + to + ", subject=Your link] after 3 attempts")
			.doesNotContain("secret-token-");
	}

	private static ConfigurableApplicationContext portal(String database, Map<String, Object> overrides) {
		Map<String, Object> properties = new HashMap<>(TestServices.properties());
		properties.put("spring.datasource.url", database);
		properties.put("server.port", "0");
		properties.putAll(overrides);
		return new SpringApplicationBuilder(AventianApplication.class)
			.initializers((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("mailDurabilityTest", properties)))
			.run();
	}

	private static void send(ConfigurableApplicationContext portal, OutgoingMail mail) {
		new TransactionTemplate(portal.getBean(PlatformTransactionManager.class))
			.executeWithoutResult((status) -> portal.getBean(Postman.class).send(mail));
	}

	private static int mailTasks(ConfigurableApplicationContext portal) {
		return portal.getBean(JdbcTemplate.class)
			.queryForObject("select count(*) from aventian.scheduled_tasks where task_name = 'mail'", Integer.class);
	}

	private static void awaitNoMailTasks(ConfigurableApplicationContext portal) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
		while (mailTasks(portal) > 0) {
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("Mail tasks still waiting after 20 s");
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	/** A port nothing listens on: connections are refused. */
	private static String deadPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return String.valueOf(socket.getLocalPort());
		}
	}

	private static String unique(String name) {
		return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
	}

}
