package com.aventian.portal.account;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestMailbox;
import com.aventian.portal.TestUsers;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-up and password reset answer the same for an e-mail with an account and one without. */
@PortalTest
class NoEnumerationTests {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry meters;

	@Test
	void signingUpWithATakenEmailLooksLikeANewSignUpAndMailsTheOwnerInstead() {
		User owner = this.users.create("Olga Owner");
		String fresh = "fresh." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

		String forTaken = signUpAnswer(owner.email());
		String forFresh = signUpAnswer(fresh);

		assertThat(forTaken.replace(owner.email(), "EMAIL")).isEqualTo(forFresh.replace(fresh, "EMAIL"));
		assertThat(TestMailbox.subjectOf(TestMailbox.awaitMail(owner.email(), 1)))
			.isEqualTo("You already have an Aventian account");
		assertThat(TestMailbox.subjectOf(TestMailbox.awaitMail(fresh, 1))).isEqualTo("Verify your e-mail for Aventian");
		assertThat(this.jdbc.queryForObject("select display_name from aventian.tbl_users where id = ?", String.class,
				owner.id())).isEqualTo("Olga Owner");
	}

	@Test
	void askingForAResetAnswersTheSameForAKnownAndAnUnknownEmail() {
		User known = this.users.create("Kim Known");
		String unknown = "unknown." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

		String forKnown = resetAnswer(known.email());
		String forUnknown = resetAnswer(unknown);

		assertThat(forKnown.replace(known.email(), "EMAIL")).isEqualTo(forUnknown.replace(unknown, "EMAIL"));
		assertThat(TestMailbox.subjectOf(TestMailbox.awaitMail(known.email(), 1))).isEqualTo("Reset your Aventian password");
		assertThat(TestMailbox.mailsTo(unknown)).isEmpty();
	}

	@Test
	void signingUpDoesTheSameHashWorkForATakenAFreeAndAnUnverifiedEmail() {
		User verified = this.users.create("Vera Verified");
		String unverified = "pending." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		signUpAnswer(unverified);
		String fresh = "free." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

		double forVerified = hashWorkOf(() -> signUpAnswer(verified.email()));
		double forUnverified = hashWorkOf(() -> signUpAnswer(unverified));
		double forFresh = hashWorkOf(() -> signUpAnswer(fresh));

		assertThat(forFresh).isEqualTo(1.0);
		assertThat(forVerified).isEqualTo(forFresh);
		assertThat(forUnverified).isEqualTo(forFresh);
	}

	private double hashWorkOf(Runnable signUp) {
		double before = this.meters.get("aventian.password.hashes").tag("operation", "encode").counter().count();
		signUp.run();
		return this.meters.get("aventian.password.hashes").tag("operation", "encode").counter().count() - before;
	}

	private String signUpAnswer(String email) {
		PortalHttp http = new PortalHttp(this.port);
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("displayName", "Someone New");
		fields.put("email", email);
		fields.put("password", "lilac forest engine 3344");
		fields.put("passwordConfirmation", "lilac forest engine 3344");
		fields.put("acceptTerms", "true");
		HttpResponse<String> response = http.submit("/signup", "/signup", fields);
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).endsWith("/signup/check-inbox"));
		return SignInAbuseTests.withoutCsrf(http.get("/signup/check-inbox").body());
	}

	private String resetAnswer(String email) {
		PortalHttp http = new PortalHttp(this.port);
		HttpResponse<String> response = http.submit("/password/forgot", "/password/forgot", Map.of("email", email));
		assertThat(response.statusCode()).isEqualTo(302);
		return SignInAbuseTests.withoutCsrf(http.get("/password/forgot/sent").body());
	}

}
