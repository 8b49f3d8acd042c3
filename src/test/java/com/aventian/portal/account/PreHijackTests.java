package com.aventian.portal.account;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestMailbox;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whoever proves the e-mail decides the account: a squatter who signed up first with someone else's
 * address keeps neither the password nor the session once the real owner verifies.
 */
@PortalTest
class PreHijackTests {

	static final String SQUATTER_PASSWORD = "squatter orchid marble 7781";

	static final String OWNER_PASSWORD = "owner lantern meadow 9902";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ProfileService profiles;

	@Autowired
	AccountService accounts;

	@Autowired
	SignUpService signUps;

	@Test
	void verifyingTheRealOwnersLinkDiscardsTheSquattersPasswordAndSession() {
		// given a squatter who signed up with the owner's address and stays signed in, unverified
		String email = "victim." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		PortalHttp squatter = new PortalHttp(this.port);
		signUp(squatter, email, "Sam Squatter", SQUATTER_PASSWORD);
		assertThat(squatter.signIn(email, SQUATTER_PASSWORD).statusCode()).isEqualTo(302);
		assertThat(squatter.get("/verify-email").statusCode()).isEqualTo(200);
		String squattersToken = tokenOf(TestMailbox.awaitMail(email, 1));

		// when the real owner signs up with the same address and opens the link mailed to them
		PortalHttp owner = new PortalHttp(this.port);
		signUp(owner, email, "Olivia Owner", OWNER_PASSWORD);
		String ownersToken = tokenOf(TestMailbox.awaitMail(email, 2));
		HttpResponse<String> verified = owner.submit("/login", "/verify-email/confirm", Map.of("token", ownersToken));

		// then the owner is in, with the owner's password and name
		assertThat(verified.statusCode()).isEqualTo(302);
		assertThat(owner.get("/account").statusCode()).isEqualTo(200);
		assertThat(signInGoesTo(email, OWNER_PASSWORD)).doesNotContain("error");
		assertThat(this.jdbc.queryForObject("select display_name from aventian.tbl_users where lower(email) = ?",
				String.class, email)).isEqualTo("Olivia Owner");
		// and the squatter's password, session and link are worth nothing
		assertThat(signInGoesTo(email, SQUATTER_PASSWORD)).endsWith("/login?error");
		HttpResponse<String> squattersNextPage = squatter.get("/account");
		assertThat(squattersNextPage.statusCode()).isEqualTo(302);
		assertThat(squattersNextPage.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).contains("/login"));
		assertThat(new PortalHttp(this.port).submit("/login", "/verify-email/confirm", Map.of("token", squattersToken)).body())
			.contains("This link was already used");
	}

	@Test
	void confirmingAProviderLinkByMailProvesTheMailboxAndDiscardsTheSquattersPasswordAndSession() {
		// given a squatter who signed up with the owner's address and stays signed in, unverified
		String email = "linked." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		PortalHttp squatter = new PortalHttp(this.port);
		signUp(squatter, email, "Sam Squatter", SQUATTER_PASSWORD);
		assertThat(squatter.signIn(email, SQUATTER_PASSWORD).statusCode()).isEqualTo(302);
		TestMailbox.awaitMail(email, 1);

		// when the real owner signs in with a provider that vouches for the address, does not know the
		// squatter's password, and asks for the confirmation mail instead (the link page's other way)
		User account = this.accounts.findUserByEmail(email).orElseThrow();
		this.profiles.mailLinkConfirmation(account,
				new ExternalSignIn("https://idp.example", "owner-" + UUID.randomUUID(), email, true, "Olivia Owner"));
		String link = TestMailbox.pathOf(TestMailbox.linkIn(TestMailbox.awaitMail(email, 2), "/account/link/confirm"));
		String token = link.replaceFirst(".*token=", "");
		PortalHttp owner = new PortalHttp(this.port);
		assertThat(owner.submit(link, "/account/link/confirm", Map.of("token", token)).statusCode()).isEqualTo(302);

		// then the mailbox is proven: the account is verified, the owner is in, and the squatter's password and
		// session (which the owner's next "resend verification" would otherwise have carried into a verified account) are worth nothing
		assertThat(this.jdbc.queryForObject(
				"select email_verified_at is not null from aventian.tbl_users where id = ?", Boolean.class, account.id()))
			.isTrue();
		assertThat(owner.get("/account").statusCode()).isEqualTo(200);
		assertThat(signInGoesTo(email, SQUATTER_PASSWORD)).endsWith("/login?error");
		HttpResponse<String> squattersNextPage = squatter.get("/verify-email");
		assertThat(squattersNextPage.statusCode()).isEqualTo(302);
		assertThat(squattersNextPage.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).contains("/login"));
	}

	@Test
	void aSquattersLaterSignUpLinkOpenedInTheOwnersBrowserKeepsTheOwnersPassword() {
		// given a squatter who signed up first with the owner's address, and the owner signing up after
		String email = "again." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		PortalHttp squatter = new PortalHttp(this.port);
		signUp(squatter, email, "Sam Squatter", SQUATTER_PASSWORD);
		PortalHttp owner = new PortalHttp(this.port);
		signUp(owner, email, "Olivia Owner", OWNER_PASSWORD);
		TestMailbox.awaitMail(email, 2);

		// when the squatter signs up once more, so the newest "verify" mail in the owner's inbox carries the
		// squatter's password, and the owner opens that newest mail in the browser they signed up in
		signUp(squatter, email, "Sam Squatter", SQUATTER_PASSWORD);
		String newest = tokenOf(TestMailbox.awaitMail(email, 3));
		assertThat(owner.submit("/login", "/verify-email/confirm", Map.of("token", newest)).statusCode()).isEqualTo(302);

		// then the owner is in with the password the owner typed in this browser, and the squatter is not
		assertThat(owner.get("/account").statusCode()).isEqualTo(200);
		assertThat(signInGoesTo(email, SQUATTER_PASSWORD)).endsWith("/login?error");
		assertThat(signInGoesTo(email, OWNER_PASSWORD)).doesNotContain("error");
		assertThat(this.jdbc.queryForObject("select display_name from aventian.tbl_users where lower(email) = ?",
				String.class, email)).isEqualTo("Olivia Owner");
	}

	@Test
	void aSquattersLaterLinkOpenedOnAnotherDeviceVerifiesWithNobodysPasswordAndMailsAReset() {
		// given a squatter who signed up first with the owner's address, the owner signing up after, and
		// the squatter signing up once more, so the newest "verify" mail carries the squatter's password
		String email = "device." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		PortalHttp squatter = new PortalHttp(this.port);
		signUp(squatter, email, "Sam Squatter", SQUATTER_PASSWORD);
		signUp(new PortalHttp(this.port), email, "Olivia Owner", OWNER_PASSWORD);
		TestMailbox.awaitMail(email, 2);
		signUp(squatter, email, "Sam Squatter", SQUATTER_PASSWORD);
		String newest = tokenOf(TestMailbox.awaitMail(email, 3));

		// when the owner opens that newest mail on another device (no sign-up of this browser to go by)
		PortalHttp phone = new PortalHttp(this.port);
		HttpResponse<String> answer = phone.submit("/login", "/verify-email/confirm", Map.of("token", newest));

		// then the address is verified, but with several sign-ups nobody can tell whose password it is:
		// neither password signs in, and the mailbox gets a link to choose one
		assertThat(answer.statusCode()).isEqualTo(302);
		assertThat(answer.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).contains("/login"));
		assertThat(this.jdbc.queryForObject(
				"select email_verified_at is not null from aventian.tbl_users where lower(email) = ?", Boolean.class, email))
			.isTrue();
		assertThat(signInGoesTo(email, SQUATTER_PASSWORD)).endsWith("/login?error");
		assertThat(signInGoesTo(email, OWNER_PASSWORD)).endsWith("/login?error");
		assertThat(TestMailbox.subjectOf(TestMailbox.awaitMail(email, 4))).contains("Reset your Aventian password");
	}

	@Test
	void aSquattersSessionThatEscapedTheEndOfSessionsIsNotUpgradedOnceTheOwnerVerifies() {
		// given a squatter signed in, unverified, with the owner's address, and the owner's own sign-up link
		String email = "escaped." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		PortalHttp squatter = new PortalHttp(this.port);
		signUp(squatter, email, "Sam Squatter", SQUATTER_PASSWORD);
		assertThat(squatter.signIn(email, SQUATTER_PASSWORD).statusCode()).isEqualTo(302);
		// the squatter's mail is out first, so the second mail is the owner's (two queued at once may swap)
		TestMailbox.awaitMail(email, 1);
		signUp(new PortalHttp(this.port), email, "Olivia Owner", OWNER_PASSWORD);
		String ownersToken = tokenOf(TestMailbox.awaitMail(email, 2));

		// when the owner's link verifies the account but the squatter's session escapes the ending of the
		// account's other sessions (the instance died between commit and Redis, or the squatter's sign-in that
		// read the old password was still in flight and saved its session afterwards)
		assertThat(this.signUps.verify(ownersToken, java.util.Optional.empty()).verified()).isTrue();
		HttpResponse<String> next = squatter.get("/verify-email");

		// then that session is signed out, not turned into a verified session of the owner's account
		assertThat(next.statusCode()).isEqualTo(302);
		assertThat(next.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).contains("/login"));
		HttpResponse<String> account = squatter.get("/account");
		assertThat(account.statusCode()).isEqualTo(302);
		assertThat(account.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).contains("/login"));
	}

	@Test
	void anUnverifiedSessionReachesOnlyTheVerificationPagesActuatorIncluded() {
		// given someone signed in before verifying
		String email = "unverified." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		PortalHttp http = new PortalHttp(this.port);
		signUp(http, email, "Una Unverified", OWNER_PASSWORD);
		http.signIn(email, OWNER_PASSWORD);

		// when they ask for pages other than verification, then they are sent to it, machines' paths included
		assertThat(http.get("/verify-email").statusCode()).isEqualTo(200);
		for (String path : new String[] { "/", "/account", "/account/sessions", "/actuator/prometheus",
				"/actuator/metrics" }) {
			HttpResponse<String> answer = http.get(path);
			// the products' API counts no session at all, verified or not: only a product's key (401 without)
			assertThat(answer.statusCode()).as(path).isIn(302, 403, path.startsWith("/api/") ? 401 : 403);
			if (answer.statusCode() == 302) {
				assertThat(answer.headers().firstValue("Location")).as(path)
					.hasValueSatisfying((to) -> assertThat(to).endsWith("/verify-email"));
			}
		}
		// and the products' API knows no session at all: only a product's key opens it
		assertThat(http.get("/api/v1/ping").statusCode()).isEqualTo(401);
	}

	@Test
	void twoLinksOpenedAtOnceElsewhereVerifyOnceAndTakeNeitherPassword() throws Exception {
		// given two sign-ups of one address, each with its own link
		String email = "race." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		signUp(new PortalHttp(this.port), email, "First Racer", SQUATTER_PASSWORD);
		signUp(new PortalHttp(this.port), email, "Second Racer", OWNER_PASSWORD);
		List<String> tokens = List.of(tokenOf(TestMailbox.awaitMail(email, 1)), tokenOf(TestMailbox.awaitMail(email, 2)));
		List<PortalHttp> browsers = List.of(new PortalHttp(this.port), new PortalHttp(this.port));
		List<String> csrf = browsers.stream().map((browser) -> PortalHttp.csrfTokenOf(browser.get("/login").body())).toList();

		// when both links are opened at the same moment
		CyclicBarrier together = new CyclicBarrier(2);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		List<Future<HttpResponse<String>>> answers = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			int which = i;
			answers.add(pool.submit(() -> {
				together.await();
				return browsers.get(which).postForm("/verify-email/confirm",
						Map.of("token", tokens.get(which), "_csrf", csrf.get(which)));
			}));
		}
		List<HttpResponse<String>> results = new ArrayList<>();
		for (Future<HttpResponse<String>> answer : answers) {
			results.add(answer.get(30, TimeUnit.SECONDS));
		}
		pool.shutdown();

		// then exactly one verifies and the other is told its link was used; opened away from the browsers
		// that signed up, neither sign-up's password is taken (nobody can tell whose it is): a reset is mailed
		assertThat(results).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(302, 200);
		int winner = results.get(0).statusCode() == 302 ? 0 : 1;
		assertThat(results.get(1 - winner).body()).contains("This link was already used");
		assertThat(signInGoesTo(email, SQUATTER_PASSWORD)).endsWith("/login?error");
		assertThat(signInGoesTo(email, OWNER_PASSWORD)).endsWith("/login?error");
		assertThat(TestMailbox.subjectOf(TestMailbox.awaitMail(email, 3))).contains("Reset your Aventian password");
	}

	private String signInGoesTo(String email, String password) {
		return new PortalHttp(this.port).signIn(email, password).headers().firstValue("Location").orElse("");
	}

	static void signUp(PortalHttp http, String email, String name, String password) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("displayName", name);
		fields.put("email", email);
		fields.put("password", password);
		fields.put("passwordConfirmation", password);
		fields.put("acceptTerms", "true");
		assertThat(http.submit("/signup", "/signup", fields).statusCode()).isEqualTo(302);
	}

	static String tokenOf(jakarta.mail.internet.MimeMessage mail) {
		return TestMailbox.linkIn(mail, "/verify-email/confirm").replaceFirst(".*token=", "");
	}

}
