package com.aventian.portal.account;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lockout never locks the owner out: an address that keeps failing for an e-mail is locked out for it,
 * while failures spread over many addresses only slow that e-mail down. The test client stands behind a
 * trusted proxy (loopback, Tomcat's default internal proxies), so {@code X-Forwarded-For} names the address.
 */
@PortalTest
@TestPropertySource(properties = { "server.forward-headers-strategy=native", "aventian.lockout.delay-step=20ms",
		"aventian.lockout.max-delay=200ms" })
class LockoutAcrossAddressesTests {

	static final String ATTACKER = "198.51.100.7";

	static final String OWNER = "203.0.113.9";

	@LocalServerPort
	int port;

	@Value("${aventian.lockout.max-failures}")
	int maxFailures;

	@Autowired
	TestUsers users;

	@Autowired
	SignInLockout lockout;

	@Test
	void aFloodOfFailuresFromOneAddressLeavesTheOwnerSigningInFromAnother() {
		// given a flood of wrong passwords for the owner's e-mail from one address
		User owner = this.users.create("Flo Flooded");
		for (int i = 0; i < 4 * this.maxFailures; i++) {
			signInFrom(ATTACKER, owner.email(), "wrong password " + i);
		}

		// then that address is locked out for the e-mail, even with the right password
		assertThat(signInFrom(ATTACKER, owner.email(), TestUsers.PASSWORD)).endsWith("/login?error");
		// and the owner, from another address, signs in
		assertThat(signInFrom(OWNER, owner.email(), TestUsers.PASSWORD)).doesNotContain("error");
	}

	@Test
	void failuresFromManyAddressesSlowTheEmailDownWithoutLockingIt() {
		// given an e-mail failing once from each of many addresses
		User owner = this.users.create("Manny Many");
		Duration before = this.lockout.delayFor(EmailAddress.normalize(owner.email()));
		for (int i = 1; i <= this.maxFailures + 2; i++) {
			signInFrom("198.51.100." + i, owner.email(), "wrong password " + i);
		}
		Duration after = this.lockout.delayFor(EmailAddress.normalize(owner.email()));
		for (int i = 1; i <= 2; i++) {
			signInFrom("192.0.2." + i, owner.email(), "wrong password " + i);
		}
		Duration later = this.lockout.delayFor(EmailAddress.normalize(owner.email()));

		// then each further failure waits longer, and the owner still signs in
		assertThat(before).isZero();
		assertThat(after).isPositive();
		assertThat(later).isGreaterThan(after);
		assertThat(signInFrom(OWNER, owner.email(), TestUsers.PASSWORD)).doesNotContain("error");
	}

	private String signInFrom(String address, String email, String password) {
		PortalHttp http = new PortalHttp(this.port);
		HttpResponse<String> answer = http.submitWithHeaders("/login", "/login", Map.of("email", email, "password", password),
				"X-Forwarded-For", address);
		assertThat(answer.statusCode()).isEqualTo(302);
		return answer.headers().firstValue("Location").orElse("");
	}

}
