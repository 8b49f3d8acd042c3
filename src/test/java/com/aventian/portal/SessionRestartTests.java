package com.aventian.portal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.aventian.portal.account.AccountService;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Sessions live in Redis, not in the portal: a restarted portal still knows who is signed in. */
class SessionRestartTests {

	@Test
	void aSignedInUserStaysSignedInAcrossARestartOfThePortal() {
		String email = "restart." + UUID.randomUUID() + "@example.com";
		PortalHttp browser;
		try (ConfigurableApplicationContext first = startPortal()) {
			assertThat(first.getEnvironment().getProperty("aventian.throttle.limits.sign-in.per-ip"))
				.as("the tests' sign-in limit, not production's, which the suite's sign-ins use up")
				.isEqualTo(TestServices.properties().get("aventian.throttle.limits.sign-in.per-ip"));
			first.getBean(AccountService.class).createVerifiedUser(email, "Rita Restart", TestUsers.PASSWORD);
			browser = new PortalHttp(portOf(first));
			assertThat(browser.signIn(email, TestUsers.PASSWORD).statusCode()).isEqualTo(302);
			assertThat(browser.get("/").body()).contains("Rita Restart");
		}

		try (ConfigurableApplicationContext second = startPortal()) {
			PortalHttp sameCookies = browser.at(portOf(second));

			var home = sameCookies.get("/");

			assertThat(home.statusCode()).isEqualTo(200);
			assertThat(home.body()).contains("Rita Restart");
		}
	}

	/**
	 * The test properties as arguments: the builder's own properties are defaults, below application.properties, whose
	 * production sign-in limit per address (300 in 15 minutes) the suite's sign-ins from 127.0.0.1, counted in the one
	 * Redis, could use up before this test signed in (a 429 in CI).
	 */
	private static ConfigurableApplicationContext startPortal() {
		Map<String, Object> properties = new LinkedHashMap<>(TestServices.properties());
		properties.put("server.port", "0");
		return new SpringApplicationBuilder(AventianApplication.class)
			.run(properties.entrySet().stream().map((entry) -> "--" + entry.getKey() + "=" + entry.getValue()).toArray(String[]::new));
	}

	private static int portOf(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

}
