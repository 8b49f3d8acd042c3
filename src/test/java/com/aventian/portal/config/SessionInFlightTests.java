package com.aventian.portal.config;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServletResponse;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.RedisCommands;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.shared.web.NotTeamScoped;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests of one session that overlap, a session ended while one of its requests runs, and a sign-in (the
 * session's id changes within the request), now that {@link SessionTouch} answers Spring Session's second
 * read of a request's session from that request's own save. The held request below commits its response
 * (Spring Session saves the session then), waits, and ends (Spring Session saves again, after its second
 * read): the window in which other requests run.
 */
@PortalTest
@Import(SessionInFlightTests.Held.class)
class SessionInFlightTests {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	RedisIndexedSessionRepository sessions;

	@BeforeEach
	void hold() {
		Held.arrived = new CountDownLatch(1);
		Held.release = new CountDownLatch(1);
	}

	@AfterEach
	void releaseWhatIsStillHeld() {
		Held.release.countDown();
	}

	/** Sends {@code /test/held} of this browser and returns once the portal has committed its response. */
	CompletableFuture<HttpResponse<String>> heldRequest(PortalHttp http) throws InterruptedException {
		CompletableFuture<HttpResponse<String>> held = CompletableFuture.supplyAsync(() -> http.get("/test/held"));
		assertThat(Held.arrived.await(30, TimeUnit.SECONDS)).as("the held request arrived").isTrue();
		return held;
	}

	@Test
	void aSessionEndedOnAnotherInstanceWhileOneOfItsRequestsRunsIsRefusedOnItsNextRequest() throws Exception {
		// given a request of a session that has saved the session (its response committed) and still runs
		PortalHttp http = this.users.signedIn(this.port);
		String id = http.sessionId();
		CompletableFuture<HttpResponse<String>> held = heldRequest(http);

		// when another instance ends the session (as "your sessions" or a password change does there), then the request ends
		this.sessions.deleteById(id);
		Held.release.countDown();

		// then the request ended without bringing the session back, and the next request of it is refused
		assertThat(held.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		assertThat(this.sessions.findById(id)).isNull();
		HttpResponse<String> next = http.get("/account");
		assertThat(next.statusCode()).isEqualTo(302);
		assertThat(next.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).contains("/login"));
	}

	@Test
	void aSessionSignedOutWhileAnotherOfItsRequestsRunsStaysSignedOut() throws Exception {
		// given a request of a session that has saved the session and still runs
		PortalHttp http = this.users.signedIn(this.port);
		String id = http.sessionId();
		CompletableFuture<HttpResponse<String>> held = heldRequest(http);

		// when the same browser signs out in another tab, then the held request ends
		HttpResponse<String> signOut = http.submit("/account", "/logout", Map.of());
		Held.release.countDown();

		// then the session stays ended
		assertThat(signOut.statusCode()).isEqualTo(302);
		assertThat(held.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		assertThat(this.sessions.findById(id)).isNull();
		assertThat(http.get("/account").statusCode()).isEqualTo(302);
	}

	@Test
	void twoRequestsOfOneSessionAtOnceEachReadTheSessionFromRedisAndBothSucceed() throws Exception {
		// given a signed-in browser whose session was recently used
		PortalHttp http = this.users.signedIn(this.port);
		http.get("/account");

		// when a second request of the session runs from start to end while the first is held after its save
		Map<String, Long> commands = RedisCommands.during(this.redis, () -> {
			try {
				CompletableFuture<HttpResponse<String>> first = heldRequest(http);
				assertThat(http.get("/account").statusCode()).isEqualTo(200);
				Held.release.countDown();
				assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});

		// then each read the session from Redis once (neither took the other's copy), nothing was written,
		// and the session lives on
		assertThat(commands).containsExactlyInAnyOrderEntriesOf(Map.of("hgetall", 2L, "exists", 2L));
		assertThat(http.get("/account").statusCode()).isEqualTo(200);
	}

	@Test
	void signingInGivesTheBrowserANewSessionAndCsrfTokenAndTheOldOnesEnd() {
		// given a stranger's session holding the sign-in form's CSRF token
		User user = this.users.create("Rotating Rita");
		PortalHttp http = new PortalHttp(this.port);
		String tokenBefore = PortalHttp.csrfTokenOf(http.get("/login").body());
		String idBefore = http.sessionId();

		// when the person signs in
		HttpResponse<String> signIn = http.postForm("/login",
				Map.of("email", user.email(), "password", TestUsers.PASSWORD, "_csrf", tokenBefore));

		// then the browser holds a new session, the old one is gone, and the old token no longer passes
		assertThat(signIn.statusCode()).isEqualTo(302);
		String idAfter = http.sessionId();
		assertThat(idAfter).isNotEqualTo(idBefore);
		assertThat(this.sessions.findById(idBefore)).isNull();
		assertThat(this.sessions.findById(idAfter)).isNotNull();
		assertThat(http.get("/account").statusCode()).isEqualTo(200);
		assertThat(http.postForm("/account/sessions/end-others", Map.of("_csrf", tokenBefore)).statusCode())
			.isEqualTo(403);
	}

	/** A page that commits its response, then waits until the test releases it. */
	@TestConfiguration
	@RestController
	@NotTeamScoped
	static class Held {

		static volatile CountDownLatch arrived;

		static volatile CountDownLatch release;

		@GetMapping("/test/held")
		void held(HttpServletResponse response) throws IOException, InterruptedException {
			response.setContentType("text/plain");
			response.getWriter().write("held");
			// commits the response: Spring Session saves the session now, and again when the request ends
			response.flushBuffer();
			arrived.countDown();
			release.await(30, TimeUnit.SECONDS);
		}

	}

}
