package com.aventian.portal.shared.web;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What scanners post: every form of the portal and the searches get each hostile value in every field.
 * None of it is a server error, control characters are refused at the edge with a clear page, and the
 * database is as it was (the owner still signs in, the team is unchanged, nothing half-written).
 */
@PortalTest
class HostileInputTests {

	static final List<String> HOSTILE = List.of("", "x".repeat(10_000), "{}", "{x}", "\u0000", "%00", "a\u0000b",
			"\u202Eevil\u200F\u200E", "🙂👩‍👩‍👧 ok", "../../../etc/passwd", "..\\..\\", "${7*7}", "<script>alert(1)</script>",
			"' or 1=1 --", "\u0007\u001b[31m", "true;env;");

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	JdbcTemplate jdbc;

	record Form(String page, String action, List<String> fields) {
	}

	static List<Form> anonymousForms() {
		return List.of(new Form("/login", "/login", List.of("email", "password")),
				new Form("/signup", "/signup",
						List.of("displayName", "email", "password", "passwordConfirmation", "acceptTerms")),
				new Form("/password/forgot", "/password/forgot", List.of("email")),
				new Form("/login", "/password/reset", List.of("token", "password", "passwordConfirmation")),
				new Form("/login", "/verify-email/confirm", List.of("token")),
				new Form("/login", "/account/email/confirm", List.of("token")),
				new Form("/login", "/account/link/confirm", List.of("token")),
				new Form("/login", "/invitations/accept", List.of("token")),
				new Form("/login", "/invitations/sign-up",
						List.of("token", "displayName", "password", "passwordConfirmation", "acceptTerms")),
				new Form("/login", "/invitations/switch-account", List.of("token")));
	}

	static List<Form> signedInForms(UUID teamId, UUID userId) {
		String team = "/teams/" + teamId;
		return List.of(new Form("/account", "/account/name", List.of("displayName")),
				new Form("/account", "/account/email", List.of("newEmail", "currentPassword")),
				new Form("/account", "/account/password",
						List.of("currentPassword", "newPassword", "newPasswordConfirmation", "endOtherSessions")),
				new Form("/account", "/account/link", List.of("password")),
				new Form("/account", "/teams", List.of("name")),
				new Form("/account", team + "/switch", List.of("x")),
				new Form("/account", team + "/name", List.of("name", "version")),
				new Form("/account", team + "/delete", List.of("confirmName")),
				new Form("/account", team + "/invitations", List.of("emails", "roleId")),
				new Form("/account", team + "/members/" + userId + "/role", List.of("roleId", "version")),
				new Form("/account", team + "/leave", List.of("x")),
				new Form("/account", "/invitations/accept", List.of("token")),
				new Form("/account", "/verify-email/resend", List.of("x")));
	}

	static List<String> searches(UUID teamId) {
		return List.of("/teams/" + teamId + "/members?q=", "/teams/" + teamId + "/members?page=", "/switcher?q=",
				"/password/reset?token=", "/invitations/accept?token=", "/verify-email/confirm?token=",
				"/account/email/confirm?token=", "/account/link/confirm?token=");
	}

	@Test
	void everyHostileValueInEveryFormAndSearchAnswersWithoutAServerErrorAndLeavesTheDatabaseIntact() {
		User owner = this.users.create("Hostile Owner");
		UUID teamId = this.users.team("Hostile Team", owner);
		long usersBefore = count("aventian.tbl_users");
		String passwordBefore = passwordHashOf(owner);
		PortalHttp anonymous = new PortalHttp(this.port);
		PortalHttp signedIn = this.users.signedIn(this.port, owner);

		for (String value : HOSTILE) {
			for (Form form : anonymousForms()) {
				assertNoServerError(anonymous.submit(form.page(), form.action(), filled(form, value)), form.action(), value);
			}
			for (Form form : signedInForms(teamId, owner.id())) {
				assertNoServerError(signedIn.submit(form.page(), form.action(), filled(form, value)), form.action(), value);
			}
			for (String search : searches(teamId)) {
				String url = search + URLEncoder.encode(value, StandardCharsets.UTF_8);
				assertNoServerError(signedIn.get(url), url, value);
				assertNoServerError(signedIn.get(url, "HX-Request", "true"), url, value);
			}
		}

		assertThat(count("aventian.tbl_users")).isEqualTo(usersBefore);
		assertThat(this.jdbc.queryForObject("select name from aventian.tbl_teams where id = ? and deleted_at is null",
				String.class, teamId)).isEqualTo("Hostile Team");
		// a rename to an odd but printable value is allowed; control characters never get in
		assertThat(count("aventian.tbl_users where display_name ~ '[[:cntrl:]]'")).isZero();
		assertThat(count("aventian.tbl_teams where name ~ '[[:cntrl:]]'")).isZero();
		// the hostile current passwords count as failed sign-ins of the owner from this address (the profile's
		// checks are locked out like sign-in), so the password itself is compared rather than signed in with
		assertThat(passwordHashOf(owner)).isEqualTo(passwordBefore);
	}

	@Test
	void aNulByteInATextFieldIsRefusedWithAClearPageBeforeAnythingIsStored() {
		User owner = this.users.create("Nul Owner");
		UUID teamId = this.users.team("Nul Team", owner);
		PortalHttp signedIn = this.users.signedIn(this.port, owner);

		HttpResponse<String> rename = signedIn.submit("/account", "/teams/" + teamId + "/name",
				Map.of("name", "Evil\u0000Team", "version", "0"));
		HttpResponse<String> signInFailure = new PortalHttp(this.port).signIn("nul\u0000@example.com", "whatever");
		HttpResponse<String> search = signedIn.get("/teams/" + teamId + "/members?q=%00");

		assertThat(rename.statusCode()).isEqualTo(400);
		assertThat(rename.body()).contains("control characters").contains("site-header");
		assertThat(signInFailure.statusCode()).isEqualTo(400);
		assertThat(search.statusCode()).isEqualTo(400);
		assertThat(this.jdbc.queryForObject("select name from aventian.tbl_teams where id = ?", String.class, teamId))
			.isEqualTo("Nul Team");
	}

	@Test
	void aNulByteSentByAMachineGetsAProblemDetail() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health?x=%00"))
				.header("Accept", "application/json")
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"status\":400").contains("\"code\":\"control_characters\"");
	}

	@Test
	void aSignUpWithAnUnreadableTermsBoxAndAWeakPasswordIsABadRequestNotAServerError() {
		PortalHttp http = new PortalHttp(this.port);

		HttpResponse<String> response = http.submit("/signup", "/signup", Map.of("displayName", "Terms Prober", "email",
				"terms.prober@example.com", "password", "password", "passwordConfirmation", "password", "acceptTerms", ";env;"));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("site-header");
		assertThat(this.jdbc.queryForObject("select count(*) from aventian.tbl_users where email = ?", Long.class,
				"terms.prober@example.com")).isZero();
	}

	private static Map<String, String> filled(Form form, String value) {
		Map<String, String> fields = new LinkedHashMap<>();
		form.fields().forEach((field) -> fields.put(field, value));
		return fields;
	}

	private static void assertNoServerError(HttpResponse<String> response, String where, String value) {
		assertThat(response.statusCode())
			.as("%s with %s", where, value.length() > 40 ? value.substring(0, 40) + "..." : value)
			.isLessThan(500);
	}

	private String passwordHashOf(User user) {
		return this.jdbc.queryForObject("select password_hash from aventian.tbl_users where id = ?", String.class, user.id());
	}

	private long count(String table) {
		return this.jdbc.queryForObject("select count(*) from " + table, Long.class);
	}

}
