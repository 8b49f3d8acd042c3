package com.aventian.portal.account;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Past its limits an action answers 429 with a page saying how long to wait. Limits lowered here. */
@PortalTest
@TestPropertySource(properties = { "aventian.throttle.limits.sign-up.per-ip=3",
		"aventian.throttle.limits.password-reset.per-email=2", "aventian.throttle.limits.sign-in.per-ip=4" })
class ThrottleTests {

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	@BeforeEach
	void forgetEarlierAttempts() {
		this.redis.delete(this.redis.keys("aventian:throttle:*"));
	}

	@Test
	void signUpsFromOneAddressPastTheLimitGet429WithAClearPage() {
		PortalHttp http = new PortalHttp(this.port);
		for (int i = 0; i < 3; i++) {
			assertThat(signUp(http).statusCode()).isEqualTo(302);
		}

		HttpResponse<String> throttled = signUp(http);

		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
		assertThat(throttled.body()).contains("Too many attempts").containsPattern("Wait 1[45] minutes, then try again.");
	}

	@Test
	void resetRequestsForOneEmailPastTheLimitGet429() {
		PortalHttp http = new PortalHttp(this.port);
		String email = "flood." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		for (int i = 0; i < 2; i++) {
			assertThat(http.submit("/password/forgot", "/password/forgot", Map.of("email", email)).statusCode())
				.isEqualTo(302);
		}

		assertThat(http.submit("/password/forgot", "/password/forgot", Map.of("email", email)).statusCode())
			.isEqualTo(429);
	}

	@Test
	void signInsFromOneAddressPastTheLimitGet429BeforeAnyPasswordWork() {
		PortalHttp http = new PortalHttp(this.port);
		for (int i = 0; i < 4; i++) {
			assertThat(http.signIn("someone" + i + "@example.com", "wrong password").statusCode()).isEqualTo(302);
		}

		HttpResponse<String> throttled = http.signIn("someone@example.com", "wrong password");

		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(throttled.body()).contains("Too many attempts");
	}

	private static HttpResponse<String> signUp(PortalHttp http) {
		return http.submit("/signup", "/signup",
				Map.of("displayName", "Tom Throttle", "email",
						"tom." + UUID.randomUUID().toString().substring(0, 8) + "@example.com", "password",
						"ember canyon whistle 8080", "passwordConfirmation", "ember canyon whistle 8080", "acceptTerms",
						"true"));
	}

}
