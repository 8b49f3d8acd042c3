package com.aventian.portal.account;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sign-in throttle per client address against an attacker who forges forwarding headers or sends many
 * attempts at the same instant. The limits are those of {@link ThrottleTests}, so both share one portal.
 */
@PortalTest
@TestPropertySource(properties = { "aventian.throttle.limits.sign-up.per-ip=3",
		"aventian.throttle.limits.password-reset.per-email=2", "aventian.throttle.limits.sign-in.per-ip=4" })
class SignInThrottleSpoofingTests {

	private static final int PER_ADDRESS = 4;

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	@BeforeEach
	void forgetEarlierAttempts() {
		this.redis.delete(this.redis.keys("aventian:throttle:*"));
	}

	@Test
	void forgedForwardingHeadersDoNotGiveOneAddressFreshAllowances() {
		PortalHttp http = new PortalHttp(this.port);
		for (int i = 0; i < PER_ADDRESS; i++) {
			assertThat(signInAs(http, "198.51.100." + i).statusCode()).isEqualTo(302);
		}

		HttpResponse<String> forged = signInAs(http, "203.0.113.77");

		assertThat(forged.statusCode()).isEqualTo(429);
	}

	@Test
	void manySignInsFromOneAddressAtTheSameInstantPassTheLimitNoMoreThanItAllows() throws Exception {
		// given 16 attempts from one address, each with its form loaded, released together
		int attempts = 16;
		List<PortalHttp> clients = new ArrayList<>();
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < attempts; i++) {
			PortalHttp http = new PortalHttp(this.port);
			clients.add(http);
			tokens.add(PortalHttp.csrfTokenOf(http.get("/login").body()));
		}
		ExecutorService threads = Executors.newFixedThreadPool(attempts);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Integer>> answers = new ArrayList<>();
			for (int i = 0; i < attempts; i++) {
				PortalHttp http = clients.get(i);
				Map<String, String> form = Map.of("email", "racer" + i + "@example.com", "password", "wrong password",
						"_csrf", tokens.get(i));
				answers.add(threads.submit(() -> {
					start.await();
					return http.postForm("/login", form).statusCode();
				}));
			}

			// when they arrive at once
			start.countDown();
			int throttled = 0;
			for (Future<Integer> answer : answers) {
				if (answer.get() == 429) {
					throttled++;
				}
			}

			// then exactly the allowance went through
			assertThat(throttled).isEqualTo(attempts - PER_ADDRESS);
		}
		finally {
			threads.shutdownNow();
		}
	}

	private static HttpResponse<String> signInAs(PortalHttp http, String forgedAddress) {
		return http.submitWithHeaders("/login", "/login", Map.of("email", "someone@example.com", "password", "wrong"),
				"X-Forwarded-For", forgedAddress, "X-Real-IP", forgedAddress, "Forwarded", "for=" + forgedAddress,
				"X-Forwarded-Host", "attacker.example", "X-Client-IP", forgedAddress);
	}

}
