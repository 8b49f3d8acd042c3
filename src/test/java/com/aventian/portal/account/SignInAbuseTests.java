package com.aventian.portal.account;

import java.net.http.HttpResponse;
import java.util.UUID;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.audit.AuditLog;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Lockout and hash work look the same for every e-mail, so sign-in reveals no account. */
@PortalTest
class SignInAbuseTests {

	@LocalServerPort
	int port;

	@Value("${aventian.lockout.max-failures}")
	int maxFailures;

	@Autowired
	TestUsers users;

	@Autowired
	AuditLog audit;

	@Autowired
	MeterRegistry meters;

	@Test
	void afterNFailuresARealAndAnUnknownEmailAreLockedOutAlike() {
		User real = this.users.create("Lou Lockout");
		String unknown = "nobody." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

		String realPage = failUntilLocked(real.email());
		String unknownPage = failUntilLocked(unknown);

		assertThat(realPage).contains("Too many failed attempts for this e-mail. Try again in 15 minutes");
		assertThat(realPage.replace(real.email(), "EMAIL")).isEqualTo(unknownPage.replace(unknown, "EMAIL"));
		assertThat(this.audit.eventsAbout("email", real.email())).extracting((event) -> event.action())
			.containsExactly("SIGN_IN_LOCKED");
		assertThat(this.audit.eventsAbout("email", unknown)).extracting((event) -> event.action())
			.containsExactly("SIGN_IN_LOCKED");
	}

	@Test
	void aLockedOutAccountIsNotSignedInEvenWithTheRightPassword() {
		User real = this.users.create("Lena Locked");
		failUntilLocked(real.email());
		PortalHttp http = new PortalHttp(this.port);

		HttpResponse<String> attempt = http.signIn(real.email(), TestUsers.PASSWORD);

		assertThat(attempt.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).endsWith("/login?error"));
		assertThat(http.get("/login?error").body()).contains("Too many failed attempts");
		assertThat(http.get("/").statusCode()).isEqualTo(302);
	}

	@Test
	void anUnknownEmailCostsTheSamePasswordHashWorkAsAKnownOne() {
		User real = this.users.create("Hana Hash");
		String unknown = "ghost." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

		double forKnown = hashWorkOf(() -> new PortalHttp(this.port).signIn(real.email(), "a wrong password here"));
		double forUnknown = hashWorkOf(() -> new PortalHttp(this.port).signIn(unknown, "a wrong password here"));

		assertThat(forKnown).isEqualTo(1.0);
		assertThat(forUnknown).isEqualTo(forKnown);
	}

	@Test
	void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() {
		User real = this.users.create("Sue Same");
		String unknown = "unknown." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

		String forReal = answerTo(real.email());
		String forUnknown = answerTo(unknown);

		assertThat(forReal).contains("Wrong e-mail or password.");
		assertThat(forReal.replace(real.email(), "EMAIL")).isEqualTo(forUnknown.replace(unknown, "EMAIL"));
	}

	private String answerTo(String email) {
		PortalHttp http = new PortalHttp(this.port);
		HttpResponse<String> attempt = http.signIn(email, "a wrong password here");
		assertThat(attempt.statusCode()).isEqualTo(302);
		return withoutCsrf(http.get("/login?error").body());
	}

	private String failUntilLocked(String email) {
		PortalHttp http = new PortalHttp(this.port);
		for (int i = 0; i < this.maxFailures; i++) {
			http.signIn(email, "wrong password " + i);
			assertThat(http.get("/login?error").body()).contains("Wrong e-mail or password.");
		}
		http.signIn(email, "one more try");
		return withoutCsrf(http.get("/login?error").body());
	}

	private double hashWorkOf(Runnable attempt) {
		double before = matchesCount();
		attempt.run();
		return matchesCount() - before;
	}

	private double matchesCount() {
		return this.meters.get("aventian.password.hashes").tag("operation", "matches").counter().count();
	}

	static String withoutCsrf(String page) {
		return page.replaceAll("(name=\"_csrf\" value=\"|content=\")[^\"]+\"", "$1\"");
	}

}
