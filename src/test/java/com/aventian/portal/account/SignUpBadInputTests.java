package com.aventian.portal.account;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestMailbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** Each bad sign-up gets a clear message, keeps what was typed (never the password) and stores nothing. */
@PortalTest
class SignUpBadInputTests {

	static final String GOOD_PASSWORD = "saffron quarry bicycle 7731";

	/** A field the browser does not send, as an unticked checkbox. */
	static final String ABSENT = "(absent)";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	static Stream<Arguments> badSignUps() {
		String longText = "x".repeat(10_000);
		return Stream.of(
				Arguments.of("a weak password", Map.of("password", "password1234", "passwordConfirmation", "password1234"),
						"This password is too easy to guess."),
				Arguments.of("a short password", Map.of("password", "short", "passwordConfirmation", "short"),
						"Use at least 12 characters."),
				Arguments.of("a mismatched confirmation", Map.of("passwordConfirmation", GOOD_PASSWORD + "!"),
						"The two passwords differ. Type the same password twice."),
				Arguments.of("a malformed e-mail", Map.of("email", "not-an-e-mail"),
						"Enter an e-mail address like name@example.com."),
				Arguments.of("a 10,000-character name", Map.of("displayName", longText), "Use at most 100 characters."),
				Arguments.of("a 10,000-character e-mail", Map.of("email", longText + "@example.com"),
						"Use at most 320 characters."),
				Arguments.of("a 10,000-character password", Map.of("password", longText, "passwordConfirmation", longText),
						"Use at most 128 characters."),
				Arguments.of("terms not accepted (the box unticked)", Map.of("acceptTerms", ABSENT),
						"Accept the terms to create an account."));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badSignUps")
	void aBadSignUpIsRefusedWithAClearMessageKeepsTheTypedValuesAndStoresNothing(String what,
			Map<String, String> changes, String message) {
		Map<String, String> fields = goodSignUp();
		fields.putAll(changes);
		fields.values().removeIf(ABSENT::equals);
		PortalHttp http = new PortalHttp(this.port);

		HttpResponse<String> response = http.submit("/signup", "/signup", fields);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains(HtmlUtils.htmlEscape(message)).contains("Some fields need a change");
		assertThat(response.body()).doesNotContain(fields.get("password")).doesNotContain(fields.get("passwordConfirmation"));
		if (fields.get("displayName").length() <= 100) {
			assertThat(response.body()).contains("value=\"" + HtmlUtils.htmlEscape(fields.get("displayName")) + "\"");
		}
		if (fields.get("email").length() <= 320) {
			assertThat(response.body()).contains("value=\"" + HtmlUtils.htmlEscape(fields.get("email")) + "\"");
		}
		assertThat(usersWithEmail(fields.get("email"))).isZero();
		assertThat(TestMailbox.mailsTo(fields.get("email"))).isEmpty();
	}

	@Test
	void htmlInTheDisplayNameIsShownEscapedOnEveryPage() {
		Map<String, String> fields = goodSignUp();
		fields.put("displayName", "<script>alert('x')</script>");
		PortalHttp http = new PortalHttp(this.port);

		HttpResponse<String> refused = http.submit("/signup", "/signup",
				with(fields, "passwordConfirmation", "something else entirely"));
		assertThat(refused.body()).contains("value=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\"")
			.doesNotContain("<script>alert");

		http.submit("/signup", "/signup", fields);
		String link = TestMailbox.linkIn(TestMailbox.awaitMail(fields.get("email"), 1), "/verify-email/confirm");
		String token = link.substring(link.indexOf("token=") + 6);
		http.submit(TestMailbox.pathOf(link), "/verify-email/confirm", Map.of("token", token));
		String home = http.get("/").body();

		assertThat(home).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;").doesNotContain("<script>alert");
	}

	private long usersWithEmail(String email) {
		return this.jdbc.queryForObject("select count(*) from aventian.tbl_users where lower(email) = lower(?)", Long.class,
				email);
	}

	private static Map<String, String> goodSignUp() {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("displayName", "Bea Bad-Input");
		fields.put("email", "bea." + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
		fields.put("password", GOOD_PASSWORD);
		fields.put("passwordConfirmation", GOOD_PASSWORD);
		fields.put("acceptTerms", "true");
		return fields;
	}

	private static Map<String, String> with(Map<String, String> fields, String name, String value) {
		Map<String, String> changed = new LinkedHashMap<>(fields);
		changed.put(name, value);
		return changed;
	}

}
