package com.aventian.portal;

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

	private static ConfigurableApplicationContext startPortal() {
		return new SpringApplicationBuilder(AventianApplication.class).properties(TestServices.properties())
			.properties("server.port=0")
			.run();
	}

	private static int portOf(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

}
