package com.aventian.portal.provisioning;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import com.aventian.portal.AventianApplication;
import com.aventian.portal.TestServices;
import com.aventian.portal.crypto.ConnectionCipher;
import com.aventian.portal.provisioning.ProvisionedNow.Provisioned;
import com.github.kagkarlsson.scheduler.Scheduler;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * {@code java -jar portal.jar --aventian.command=rotate-keyset}: the rotation without the web page, run as its own
 * process would run it (a second application context on the running portal's database, Redis and keyset) while
 * this test's portal goes on serving.
 */
@ProvisioningTest
class KeysetRotationCommandTests {

	@Autowired
	ProvisionedNow provisioning;

	@Autowired
	ProvisioningFixture fixture;

	@Autowired
	ConnectionCipher cipher;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void theCommandRotatesAuditsAsTheCommandLineSchedulesTheReencryptionAndExitsServingNothing() {
		// given a stored connection under the current primary key
		Provisioned active = this.provisioning.provision("create table rotated (id int);");
		assertThat(active.status()).isEqualTo("ACTIVE");
		long before = this.fixture.storedKeyId(active.subscriptionId());

		// when an operator runs the command beside the running portal
		ConfigurableApplicationContext command = new SpringApplicationBuilder(AventianApplication.class)
			.run(arguments("--aventian.command=rotate-keyset"));

		// then the command served nothing, took no job, and exits with 0
		// (port -1: Tomcat is made for the web context but bound to no port)
		assertThat(command.getEnvironment().getProperty("local.server.port")).isEqualTo("-1");
		assertThat(command.getBean(Scheduler.class).getSchedulerState().isStarted()).isFalse();
		assertThat(SpringApplication.exit(command)).isZero();
		// and the running portal encrypts with the new primary key
		long after = this.cipher.primaryKeyId();
		assertThat(after).isNotEqualTo(before);
		// and the rotation is audited with the command line as its actor
		Map<String, Object> event = this.jdbc.queryForMap("select actor_user_id, actor_email from aventian_audit.tbl_audit_events "
				+ "where action = 'ENCRYPTION_KEY_ROTATED' and target_id = ?", Long.toString(after));
		assertThat(event).containsEntry("actor_email", "command line").containsEntry("actor_user_id", null);
		// and the running instances re-encrypt the stored connection with it
		await().atMost(Duration.ofSeconds(60)).until(() -> this.fixture.storedKeyId(active.subscriptionId()) == after);
	}

	@Test
	void anUnknownCommandStopsStartUpNamingTheCommandsThereAre() {
		SpringApplicationBuilder portal = new SpringApplicationBuilder(AventianApplication.class).web(WebApplicationType.NONE);

		assertThatIllegalStateException().isThrownBy(() -> portal.run("--aventian.command=rotate-keys"))
			.withMessageContaining("aventian.command is rotate-keys")
			.withMessageContaining("rotate-keyset");
	}

	/** The running portal's settings as command-line arguments, as an operator's shell passes them. */
	private static String[] arguments(String command) {
		return Stream.concat(TestServices.properties().entrySet().stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue()), Stream.of(command))
			.toArray(String[]::new);
	}

}
