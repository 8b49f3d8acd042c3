package com.aventian.portal.account;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.SmtpOutage;
import com.aventian.portal.TestMailbox;
import com.aventian.portal.TestUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, item 7: no request waits for the mail server. The test SMTP server hangs (takes the connection,
 * never answers; tests give an attempt 10 s), the request answers well before, and the mail arrives once
 * the server is back.
 */
@PortalTest
class MailServerOutageTests {

	private static final Duration WELL_BEFORE_SMTP_TIMEOUT = Duration.ofSeconds(5);

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Test
	void signingUpAnswersWhileTheMailServerHangsAndTheLinkArrivesOnceItIsBack() {
		String email = "outage." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		PortalHttp http = new PortalHttp(this.port);
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("displayName", "Otto Outage");
		fields.put("email", email);
		fields.put("password", "lilac forest engine 3344");
		fields.put("passwordConfirmation", "lilac forest engine 3344");
		fields.put("acceptTerms", "true");
		String form = http.get("/signup").body();

		try (SmtpOutage outage = SmtpOutage.hanging()) {
			Instant asked = Instant.now();
			HttpResponse<String> response = http.postForm("/signup", withCsrf(fields, form));

			assertThat(response.statusCode()).isEqualTo(302);
			assertThat(Duration.between(asked, Instant.now())).isLessThan(WELL_BEFORE_SMTP_TIMEOUT);
		}

		assertThat(TestMailbox.linkIn(TestMailbox.awaitMail(email, 1), "/verify-email/confirm")).isNotBlank();
	}

	@Test
	void askingForAResetAnswersWhileTheMailServerHangsAndTheLinkArrivesOnceItIsBack() {
		User user = this.users.create("Rita Reset");
		PortalHttp http = new PortalHttp(this.port);
		String form = http.get("/password/forgot").body();

		try (SmtpOutage outage = SmtpOutage.hanging()) {
			Instant asked = Instant.now();
			HttpResponse<String> response = http.postForm("/password/forgot", withCsrf(Map.of("email", user.email()), form));

			assertThat(response.statusCode()).isEqualTo(302);
			assertThat(Duration.between(asked, Instant.now())).isLessThan(WELL_BEFORE_SMTP_TIMEOUT);
		}

		assertThat(TestMailbox.linkIn(TestMailbox.awaitMail(user.email(), 1), "/password/reset")).isNotBlank();
	}

	private static Map<String, String> withCsrf(Map<String, String> fields, String formPage) {
		Map<String, String> withToken = new LinkedHashMap<>(fields);
		withToken.put("_csrf", PortalHttp.csrfTokenOf(formPage));
		return withToken;
	}

}
