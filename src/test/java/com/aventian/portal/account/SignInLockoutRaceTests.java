package com.aventian.portal.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-e-mail lockout of sign-in against an attacker who sends many guesses at the same instant, or
 * spells the victim's address in other cases and Unicode compatibility forms: either way no more
 * password checks run than the lockout allows.
 */
@PortalTest
class SignInLockoutRaceTests {

	@LocalServerPort
	int port;

	@Value("${aventian.lockout.max-failures}")
	int maxFailures;

	@Autowired
	TestUsers users;

	@Autowired
	MeterRegistry meters;

	@Autowired
	StringRedisTemplate redis;

	@BeforeEach
	void forgetThisAddressesSignInCount() {
		// every test signs in from 127.0.0.1: only this address's sign-in allowance is reset, not lockouts
		this.redis.delete(this.redis.keys("aventian:throttle:sign_in:ip:*"));
	}

	@Test
	void guessesSentAllAtOnceRunNoMorePasswordChecksThanTheLockoutAllows() throws Exception {
		// given 12 guesses for one account from one address, each with its form loaded
		User victim = this.users.create("Rita Race");
		int guesses = 12;
		List<PortalHttp> clients = new ArrayList<>();
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < guesses; i++) {
			PortalHttp http = new PortalHttp(this.port);
			clients.add(http);
			tokens.add(PortalHttp.csrfTokenOf(http.get("/login").body()));
		}
		ExecutorService threads = Executors.newFixedThreadPool(guesses);
		CountDownLatch start = new CountDownLatch(1);
		double before = passwordChecks();
		try {
			List<Future<Integer>> answers = new ArrayList<>();
			for (int i = 0; i < guesses; i++) {
				PortalHttp http = clients.get(i);
				Map<String, String> form = Map.of("email", victim.email(), "password", "guess number " + i, "_csrf",
						tokens.get(i));
				answers.add(threads.submit(() -> {
					start.await();
					return http.postForm("/login", form).statusCode();
				}));
			}

			// when they arrive together
			start.countDown();
			for (Future<Integer> answer : answers) {
				answer.get();
			}
		}
		finally {
			threads.shutdownNow();
		}

		// then only max-failures of them were checked, and the owner's password from here is refused for now
		assertThat(passwordChecks() - before).isLessThanOrEqualTo(this.maxFailures);
		PortalHttp late = new PortalHttp(this.port);
		late.signIn(victim.email(), TestUsers.PASSWORD);
		assertThat(late.get("/account").statusCode()).isEqualTo(302);
	}

	@Test
	void caseAndUnicodeSpellingsOfTheAddressShareOneLockout() {
		// given an account, and its address spelled as a guesser might to get fresh allowances
		User victim = this.users.create("Vera Variant");
		String email = victim.email();
		String local = email.substring(0, email.indexOf('@'));
		String[] spellings = { email.toUpperCase(java.util.Locale.ROOT), "  " + email + "\t", fullWidth(email),
				"\uD835\uDC2F" + email.substring(1), local + "@ＥＸＡＭＰＬＥ.ｃｏｍ", local + "@example\uFF0Ecom" };
		PortalHttp attacker = new PortalHttp(this.port);
		double before = passwordChecks();

		// when each spelling is tried with wrong passwords, then the real password under the plain one
		for (int i = 0; i < spellings.length; i++) {
			attacker.signIn(spellings[i], "wrong password " + i);
		}
		attacker.signIn(email, TestUsers.PASSWORD);

		// then the spellings counted as one address: only max-failures checks ran, and it is locked
		assertThat(passwordChecks() - before).isLessThanOrEqualTo(this.maxFailures);
		assertThat(attacker.get("/login?error").body()).contains("Too many failed attempts");
		assertThat(attacker.get("/account").statusCode()).isEqualTo(302);
	}

	private static String fullWidth(String ascii) {
		StringBuilder wide = new StringBuilder();
		for (char c : ascii.toCharArray()) {
			wide.append((c > 0x20 && c < 0x7F) ? (char) (c - 0x21 + 0xFF01) : c);
		}
		return wide.toString();
	}

	private double passwordChecks() {
		return this.meters.get("aventian.password.hashes").tag("operation", "matches").counter().count();
	}

}
