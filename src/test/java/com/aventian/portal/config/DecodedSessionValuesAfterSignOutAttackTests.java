package com.aventian.portal.config;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The values a session's requests kept outlive the session in memory (until forgotten for another): the next
 * person in the same browser, and a session id planted before a sign-in, must not reach them.
 */
@PortalTest
class DecodedSessionValuesAfterSignOutAttackTests {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	RedisIndexedSessionRepository sessions;

	DecodedSessionValues decoded() {
		return ((SessionReads.Template) this.sessions.getSessionRedisOperations()).decoded();
	}

	static String cookie(String sessionId) {
		return "AVENTIAN_SESSION=" + Base64.getEncoder().encodeToString(sessionId.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void theNextPersonSignedInInTheSameBrowserIsThemselvesAndTheFirstsCookieIsSignedOut() {
		User ana = this.users.create("First Ana");
		User ben = this.users.create("Next Ben");
		PortalHttp browser = this.users.signedIn(this.port, ana);
		assertThat(browser.get("/account").body()).contains(ana.email());
		assertThat(browser.get("/account").body()).contains(ana.email());
		String anas = browser.sessionId();
		assertThat(decoded().keeps(anas)).isTrue();

		assertThat(browser.submit("/account", "/logout", Map.of()).statusCode()).isEqualTo(302);
		assertThat(browser.signIn(ben.email(), TestUsers.PASSWORD).statusCode()).isEqualTo(302);

		assertThat(browser.sessionId()).isNotEqualTo(anas);
		assertThat(browser.get("/account").body()).contains(ben.email()).doesNotContain(ana.email());
		assertThat(new PortalHttp(this.port).get("/account", "Cookie", cookie(anas)).statusCode()).isEqualTo(302);
	}

	@Test
	void aSessionIdPlantedBeforeASignInIsNotSignedInAfterIt() {
		User victim = this.users.create("Fixed Fay");
		PortalHttp browser = new PortalHttp(this.port);
		browser.get("/login");
		String planted = browser.sessionId();

		assertThat(browser.signIn(victim.email(), TestUsers.PASSWORD).statusCode()).isEqualTo(302);
		assertThat(browser.get("/account").body()).contains(victim.email());
		assertThat(browser.get("/account").body()).contains(victim.email());

		assertThat(browser.sessionId()).isNotEqualTo(planted);
		PortalHttp attacker = new PortalHttp(this.port);
		assertThat(attacker.get("/account", "Cookie", cookie(planted)).statusCode()).isEqualTo(302);
		assertThat(attacker.get("/account", "Cookie", cookie(planted)).body()).doesNotContain(victim.email());
	}

}
