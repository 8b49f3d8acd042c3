package com.aventian.portal.account;

import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.UUID;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestMailbox;
import com.aventian.portal.TestUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** One spelling of an address everywhere: storing, looking up, throttling and locking out. */
@PortalTest
class EmailNormalisationTests {

	@LocalServerPort
	int port;

	@Value("${aventian.lockout.max-failures}")
	int maxFailures;

	@Autowired
	TestUsers users;

	@Autowired
	AccountService accounts;

	@Test
	void aDottedCapitalIDoesNotBypassTheLockout() {
		// given an account whose address has an i, locked out after failures under its own spelling
		User iris = this.users.create("Iris");
		PortalHttp attacker = new PortalHttp(this.port);
		for (int i = 0; i < this.maxFailures; i++) {
			attacker.signIn(iris.email(), "wrong password " + i);
		}

		// when the attacker tries again spelling the address with a Turkish dotted capital I
		String dotted = "İ" + iris.email().substring(1);
		HttpResponse<String> attempt = attacker.signIn(dotted, TestUsers.PASSWORD);

		// then it is the same address, still locked
		assertThat(attempt.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).endsWith("/login?error"));
		assertThat(attacker.get("/login?error").body()).contains("Too many failed attempts");
		assertThat(attacker.get("/account").statusCode()).isEqualTo(302);
	}

	@Test
	void failuresUnderEitherSpellingCountTogether() {
		User iris = this.users.create("Iris Two");
		String dotted = "İ" + iris.email().substring(1).toUpperCase(Locale.ROOT);
		PortalHttp attacker = new PortalHttp(this.port);
		for (int i = 0; i < this.maxFailures; i++) {
			attacker.signIn(i % 2 == 0 ? iris.email() : dotted, "wrong password " + i);
		}

		attacker.signIn(iris.email(), TestUsers.PASSWORD);

		assertThat(attacker.get("/login?error").body()).contains("Too many failed attempts");
	}

	@Test
	void signingUpUnderAnotherSpellingMailsTheExistingAccount() {
		User iris = this.users.create("Iris Three");
		PreHijackTests.signUp(new PortalHttp(this.port), "İ" + iris.email().substring(1).toUpperCase(Locale.ROOT),
				"Someone Else", "lilac forest engine 3344");

		assertThat(TestMailbox.subjectOf(TestMailbox.awaitMail(iris.email(), 1)))
			.isEqualTo("You already have an Aventian account");
	}

	@Test
	void anAddressIsStoredInItsNormalForm() {
		String typed = "Mixed.Case." + UUID.randomUUID().toString().substring(0, 8) + "@Example.COM";
		PreHijackTests.signUp(new PortalHttp(this.port), typed, "Mia Mixed", "lilac forest engine 3344");

		assertThat(this.accounts.findUserByEmail(typed)).hasValueSatisfying(
				(user) -> assertThat(user.email()).isEqualTo(typed.toLowerCase(Locale.ROOT)));
	}

}
