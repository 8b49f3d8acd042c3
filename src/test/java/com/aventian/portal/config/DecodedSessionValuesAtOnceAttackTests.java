package com.aventian.portal.config;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests of sessions whose decoded values are kept, at once against the real portal, Redis and PostgreSQL: a
 * sign-out among its session's own requests, and two people's sessions read side by side.
 */
@PortalTest
class DecodedSessionValuesAtOnceAttackTests {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	static String cookieOf(PortalHttp http) {
		return "AVENTIAN_SESSION=" + Base64.getEncoder().encodeToString(http.sessionId().getBytes(StandardCharsets.UTF_8));
	}

	private record Answer(long startedAt, int status, String body) {
	}

	@Test
	void noRequestStartedAfterASignOutIsAnsweredSignedInThoughItsSessionsRequestsRanAtOnceWithIt() throws Exception {
		User user = this.users.create("Racing Rosa");
		PortalHttp http = this.users.signedIn(this.port, user);
		assertThat(http.get("/account").statusCode()).isEqualTo(200);
		String cookie = cookieOf(http);
		ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
		AtomicBoolean stop = new AtomicBoolean();
		int threads = 4;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> runs = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				runs.add(pool.submit(() -> {
					PortalHttp same = new PortalHttp(this.port);
					while (!stop.get()) {
						long started = System.nanoTime();
						HttpResponse<String> page = same.get("/account", "Cookie", cookie);
						answers.add(new Answer(started, page.statusCode(), page.body()));
					}
					return null;
				}));
			}
			Thread.sleep(300);
			assertThat(http.submit("/account", "/logout", Map.of()).statusCode()).isEqualTo(302);
			long signedOut = System.nanoTime();
			Thread.sleep(1_500);
			stop.set(true);
			for (Future<?> run : runs) {
				run.get(30, TimeUnit.SECONDS);
			}

			List<Answer> after = answers.stream().filter((answer) -> answer.startedAt() > signedOut).toList();
			assertThat(after).isNotEmpty();
			assertThat(after).allSatisfy((answer) -> {
				assertThat(answer.status()).isEqualTo(302);
				assertThat(answer.body()).doesNotContain(user.email());
			});
			assertThat(new PortalHttp(this.port).get("/account", "Cookie", cookie).statusCode()).isEqualTo(302);
		}
		finally {
			stop.set(true);
			pool.shutdownNow();
		}
	}

	@Test
	void twoPeoplesSessionsReadAtOnceEachAnswerOnlyTheirOwnPerson() throws Exception {
		User ana = this.users.create("Side Ana");
		User ben = this.users.create("Side Ben");
		PortalHttp anas = this.users.signedIn(this.port, ana);
		PortalHttp bens = this.users.signedIn(this.port, ben);
		List<String> cookies = List.of(cookieOf(anas), cookieOf(bens));
		List<User> people = List.of(ana, ben);
		int threads = 4;
		int readsEach = 25;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<?>> runs = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int offset = t;
				runs.add(pool.submit(() -> {
					PortalHttp http = new PortalHttp(this.port);
					start.await();
					for (int n = 0; n < readsEach; n++) {
						int who = (n + offset) % 2;
						HttpResponse<String> page = http.get("/account", "Cookie", cookies.get(who));
						assertThat(page.statusCode()).isEqualTo(200);
						assertThat(page.body()).contains(people.get(who).email())
							.doesNotContain(people.get(1 - who).email());
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> run : runs) {
				run.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

}
