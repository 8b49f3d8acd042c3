package com.aventian.portal.account;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delay that failures from many addresses put on an e-mail is a wait on a server thread. One address
 * must not be able to hold many threads at once with it (a few dozen such addresses would hold them all and
 * stop the portal for everyone), while the owner, signing in from their own address, still only waits.
 */
@PortalTest
@TestPropertySource(properties = { "server.forward-headers-strategy=native", "aventian.lockout.delay-step=1s",
		"aventian.lockout.max-delay=2s" })
class SignInDelayTests {

	static final int AT_ONCE = 12;

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	SignInLockout lockout;

	@Autowired
	MeterRegistry meters;

	@Value("${aventian.lockout.max-failures}")
	int maxFailures;

	@Test
	void guessesSentAtOnceFromOneAddressGetNoMorePasswordChecksThanTheLockoutAllows() throws Exception {
		// given an account nobody has failed for yet
		User owner = this.users.create("Ray Raced");
		double checksBefore = passwordChecks();

		// when one address sends a dozen wrong passwords for it at the same moment
		List<Answer> results = atOnce(owner.email(), "192.0.2.88");

		// then only max-failures of them were checked against the account; the rest were refused unchecked
		assertThat(passwordChecks() - checksBefore).as("password checks for %s", results)
			.isLessThanOrEqualTo(this.maxFailures);
	}

	@Test
	void oneAddressCannotHoldManyServerThreadsWithTheDelayOfAnEmail() throws Exception {
		// given an e-mail that failed from many other addresses, so each password check for it waits 2 s
		User owner = this.users.create("Della Delayed");
		for (int i = 1; i <= 10; i++) {
			this.lockout.recordFailure(owner.email(), InetAddress.getByName("198.51.100." + i));
		}
		assertThat(this.lockout.delayFor(owner.email())).isEqualTo(Duration.ofSeconds(2));

		// when one address sends a dozen sign-ins for it at the same moment
		List<Answer> results = atOnce(owner.email(), "192.0.2.77");

		// then at most two of them were held for the delay; the others were answered at once, told to come back
		// later (429) or refused by the address's lockout
		long held = results.stream().filter((answer) -> answer.took().compareTo(Duration.ofMillis(1500)) >= 0).count();
		assertThat(held).as("requests held on a server thread for the delay: %s", results).isLessThanOrEqualTo(2);
		assertThat(results).extracting(Answer::status).containsOnly(302, 429).contains(429);
		// and the owner, from their own address, still signs in after the wait
		HttpResponse<String> ownersSignIn = new PortalHttp(this.port).submitWithHeaders("/login", "/login",
				Map.of("email", owner.email(), "password", TestUsers.PASSWORD), "X-Forwarded-For", "203.0.113.9");
		assertThat(ownersSignIn.statusCode()).isEqualTo(302);
		assertThat(ownersSignIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
	}

	@Test
	void guessesSpreadOverTheAddressesOfOneIpv6NetworkCountAsOneAddress() {
		// given wrong passwords for an account from six addresses of one IPv6 /64 (one subscriber's allocation)
		User owner = this.users.create("Ivy Six");
		for (int i = 1; i <= this.maxFailures + 1; i++) {
			signInFrom("2001:db8:1:2::" + Integer.toHexString(i), owner.email(), "wrong guess " + i);
		}

		// then another address of that network is locked out for the e-mail, even with the right password
		assertThat(signInFrom("2001:db8:1:2::99", owner.email(), TestUsers.PASSWORD)).endsWith("/login?error");
		// while the owner, from another network, signs in
		assertThat(signInFrom("2001:db8:9:9::1", owner.email(), TestUsers.PASSWORD)).doesNotContain("error");
	}

	private String signInFrom(String address, String email, String password) {
		HttpResponse<String> answer = new PortalHttp(this.port).submitWithHeaders("/login", "/login",
				Map.of("email", email, "password", password), "X-Forwarded-For", address);
		assertThat(answer.statusCode()).isEqualTo(302);
		return answer.headers().firstValue("Location").orElse("");
	}

	/** {@value #AT_ONCE} sign-ins with wrong passwords for the e-mail, from one address, at the same moment. */
	private List<Answer> atOnce(String email, String address) throws Exception {
		List<PortalHttp> browsers = new ArrayList<>();
		List<String> csrf = new ArrayList<>();
		for (int i = 0; i < AT_ONCE; i++) {
			PortalHttp browser = new PortalHttp(this.port);
			browsers.add(browser);
			csrf.add(PortalHttp.csrfTokenOf(browser.get("/login").body()));
		}
		CyclicBarrier together = new CyclicBarrier(AT_ONCE);
		ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);
		List<Future<Answer>> answers = new ArrayList<>();
		for (int i = 0; i < AT_ONCE; i++) {
			int which = i;
			answers.add(pool.submit(() -> {
				together.await();
				long start = System.nanoTime();
				HttpResponse<String> answer = browsers.get(which)
					.postForm("/login", Map.of("email", email, "password", "wrong guess " + which, "_csrf",
							csrf.get(which)), "X-Forwarded-For", address);
				return new Answer(answer.statusCode(), Duration.ofNanos(System.nanoTime() - start));
			}));
		}
		List<Answer> results = new ArrayList<>();
		for (Future<Answer> answer : answers) {
			results.add(answer.get(60, TimeUnit.SECONDS));
		}
		pool.shutdown();
		return results;
	}

	private double passwordChecks() {
		return this.meters.get("aventian.password.hashes").tag("operation", "matches").counter().count();
	}

	record Answer(int status, Duration took) {
	}

}
