package com.aventian.portal.config;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.RedisCommands;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks on the one-round-trip read of a session and its account's disabled mark ({@link SessionReads},
 * {@code account.DisabledMarkAhead}): whatever the browser sends and whatever order things happen in, a disabled
 * account's session ends on its next request, and a slow Redis never lets a request through unchecked.
 */
@PortalTest
class SessionReadsAttackTests {

	private static final String LIVENESS = "/actuator/health/liveness";

	/** Longer than the tests' Redis timeout ({@code local.EmbeddedServices}: 5 s), so the read gives up. */
	private static final int STALL_MILLIS = 6500;

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	StringRedisTemplate redis;

	@Value("${spring.data.redis.port}")
	int redisPort;

	void markDisabled(User user) {
		this.redis.opsForValue().set("aventian:account-disabled:" + user.id(), "1");
	}

	void unmark(User user) {
		this.redis.delete("aventian:account-disabled:" + user.id());
	}

	@Test
	void aMarkRemovedAndSetAgainBetweenRequestsOfASessionMetBeforeIsReadAsItIsNowEachTime() {
		// given a session met before, whose account is disabled and enabled again before its next request
		User user = this.users.create("Flip Flop");
		PortalHttp http = this.users.signedIn(this.port, user);
		assertThat(http.get("/account").statusCode()).isEqualTo(200);
		markDisabled(user);
		unmark(user);

		// when it asks again: then it is served (one round trip), the earlier mark forgotten
		assertThat(RedisCommands.roundTripsDuring(this.redis,
				() -> assertThat(http.get("/account").statusCode()).isEqualTo(200))).isEqualTo(1);

		// and when the account is disabled again, the very next request ends the session
		markDisabled(user);
		SessionReadsTests.assertSentToSignInAsDisabled(http.get("/account"));
		unmark(user);
		assertThat(http.get("/account").headers().firstValue("Location")).hasValueSatisfying(
				(to) -> assertThat(to).contains("/login?continue="));
	}

	@Test
	void aBrowserSignedInAsOnePersonThenAnotherIsCheckedForTheSecondWhenItIsDisabled() {
		// given a browser whose session is met before with Ana in it
		User ana = this.users.create("Ana First");
		User ben = this.users.create("Ben Second");
		PortalHttp browser = this.users.signedIn(this.port, ana);
		assertThat(browser.get("/account").statusCode()).isEqualTo(200);
		String anasSession = browser.sessionId();

		// when Ben signs in from the same browser, uses it, and then Ben's account is disabled
		String token = PortalHttp.csrfTokenOf(browser.get("/account").body());
		assertThat(browser.postForm("/login", Map.of("email", ben.email(), "password", TestUsers.PASSWORD, "_csrf", token))
			.statusCode()).isEqualTo(302);
		assertThat(browser.sessionId()).isNotEqualTo(anasSession);
		assertThat(browser.get("/account").body()).contains("Ben Second");
		markDisabled(ben);

		// then the browser's next request ends Ben's session
		SessionReadsTests.assertSentToSignInAsDisabled(browser.get("/account"));
	}

	@Test
	void aForgedSessionCookieSentBeforeTheRealOneDoesNotLetADisabledAccountsSessionThrough() {
		// given a session met before, whose account is then disabled
		User user = this.users.create("Cora Cookies");
		PortalHttp http = this.users.signedIn(this.port, user);
		assertThat(http.get("/account").statusCode()).isEqualTo(200);
		String real = http.sessionId();
		markDisabled(user);

		// when a request carries a made-up session cookie first (Spring Session tries each in turn), then the real one
		HttpResponse<String> response = withCookies("/account", UUID.randomUUID().toString(), real);

		// then the session is still refused
		SessionReadsTests.assertSentToSignInAsDisabled(response);
	}

	@Test
	void aSessionIdPlantedBeforeSignInGivesTheAttackerNothingAndTheVictimsSessionStillEndsWhenDisabled() {
		// given an attacker's session (the sign-in form's), planted in the victim's browser
		PortalHttp attacker = new PortalHttp(this.port);
		assertThat(attacker.get("/login").statusCode()).isEqualTo(200);
		String planted = attacker.sessionId();
		User victim = this.users.create("Vic Victim");
		String token = PortalHttp.csrfTokenOf(withCookies("/login", planted).body());

		// when the victim signs in with it, and uses the session
		HttpResponse<String> signIn = withCookiesPosting("/login", planted,
				"email=" + URLEncoder.encode(victim.email(), StandardCharsets.UTF_8) + "&password="
						+ URLEncoder.encode(TestUsers.PASSWORD, StandardCharsets.UTF_8) + "&_csrf=" + token);
		assertThat(signIn.statusCode()).isEqualTo(302);
		String signedIn = signIn.headers().allValues("Set-Cookie").stream()
			.filter((cookie) -> cookie.startsWith("AVENTIAN_SESSION="))
			.map((cookie) -> cookie.substring("AVENTIAN_SESSION=".length(), cookie.indexOf(';')))
			.map((value) -> new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8))
			.findFirst()
			.orElseThrow();
		assertThat(signedIn).isNotEqualTo(planted);
		HttpResponse<String> account = withCookies("/account", signedIn);
		assertThat(account.statusCode()).isEqualTo(200);
		assertThat(account.body()).contains("Vic Victim");
		assertThat(withCookies("/account", signedIn).statusCode()).isEqualTo(200);

		// then the planted id gives the attacker nothing, before and after the victim's account is disabled
		assertThat(withCookies("/account", planted).statusCode()).isEqualTo(302);
		markDisabled(victim);
		SessionReadsTests.assertSentToSignInAsDisabled(withCookies("/account", signedIn));
	}

	@Test
	void aSessionMetBeforeEndsOnItsNextHtmxOrMachineRequestOnceItsAccountIsDisabled() {
		// given two sessions met before, whose account is then disabled
		User user = this.users.create("Hana Htmx");
		PortalHttp htmx = this.users.signedIn(this.port, user);
		assertThat(htmx.get("/account").statusCode()).isEqualTo(200);
		PortalHttp machine = this.users.signedIn(this.port, user);
		assertThat(machine.get(LIVENESS).statusCode()).isEqualTo(200);
		markDisabled(user);

		// when an htmx request of one arrives: then the whole page goes to sign-in, nothing swapped in
		HttpResponse<String> swapped = htmx.get("/account", "HX-Request", "true");
		assertThat(swapped.statusCode()).isEqualTo(204);
		assertThat(swapped.headers().firstValue("HX-Redirect")).hasValueSatisfying(
				(to) -> assertThat(to).endsWith("/login?disabled"));

		// and a request of the other to the actuator is forbidden
		assertThat(machine.get(LIVENESS).statusCode()).isEqualTo(403);
	}

	@Test
	void aRedisStallLongerThanTheClientsTimeoutDuringTheOneRoundTripReadAnswersTheOutagePage() throws IOException {
		// given a session met before, of an account disabled
		User user = this.users.create("Stella Stalled");
		PortalHttp http = this.users.signedIn(this.port, user);
		assertThat(http.get("/account").statusCode()).isEqualTo(200);
		markDisabled(user);

		// when Redis stops answering every client for longer than the portal waits (5 s in the tests), during the
		// session's read (paused from a connection of its own: the test's template shares the portal's connection)
		pauseRedis(STALL_MILLIS);
		HttpResponse<String> stalled;
		try {
			stalled = http.get("/account");
		}
		finally {
			pauseRedis(0);
		}

		// then the answer is the outage page, never the account's page
		assertThat(stalled.statusCode()).isEqualTo(503);
		assertThat(stalled.body()).doesNotContain("Stella Stalled");

		// and once Redis answers, the session is refused as disabled
		SessionReadsTests.assertSentToSignInAsDisabled(http.get("/account"));
	}

	/** {@code CLIENT PAUSE ms ALL} (0: unpause) sent over a socket of its own. */
	private void pauseRedis(int millis) throws IOException {
		String command = (millis > 0) ? "*3\r\n$6\r\nCLIENT\r\n$5\r\nPAUSE\r\n$" + Integer.toString(millis).length()
				+ "\r\n" + millis + "\r\n" : "*2\r\n$6\r\nCLIENT\r\n$7\r\nUNPAUSE\r\n";
		try (Socket socket = new Socket("localhost", this.redisPort)) {
			socket.getOutputStream().write(command.getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			byte[] reply = new byte[64];
			int read = socket.getInputStream().read(reply);
			assertThat(new String(reply, 0, Math.max(read, 0), StandardCharsets.US_ASCII)).startsWith("+OK");
		}
	}

	private HttpResponse<String> withCookiesPosting(String path, String sessionId, String form) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Accept", "text/html")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Cookie", "AVENTIAN_SESSION=" + Base64.getEncoder().encodeToString(sessionId.getBytes(StandardCharsets.UTF_8)))
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		try {
			return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private HttpResponse<String> withCookies(String path, String... sessionIds) {
		StringBuilder cookie = new StringBuilder();
		for (String id : sessionIds) {
			if (cookie.length() > 0) {
				cookie.append("; ");
			}
			cookie.append("AVENTIAN_SESSION=")
				.append(Base64.getEncoder().encodeToString(id.getBytes(StandardCharsets.UTF_8)));
		}
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Accept", "text/html")
			.header("Cookie", cookie.toString())
			.timeout(Duration.ofSeconds(30))
			.GET()
			.build();
		try {
			return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
