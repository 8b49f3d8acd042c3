package com.aventian.portal.browser;

import java.util.UUID;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestMailbox;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.AccountService;
import com.aventian.portal.account.ExternalSignIn;
import com.aventian.portal.account.User;
import com.aventian.portal.audit.AuditLog;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@PortalTest
class ProfileJourneyIT {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	AuditLog audit;

	@Autowired
	AccountService accounts;

	@Test
	void aPersonChangesTheirEmailThroughTheLinkAndSignsInWithTheNewOne() {
		User user = this.users.create("Eve Email");
		String newEmail = "eve.new." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

		try (Browser browser = Browser.open(this.port)) {
			browser.signIn(user.email(), TestUsers.PASSWORD);
			browser.click(By.linkText("Your account"));
			browser.type(By.id("newEmail"), newEmail).type(By.id("emailCurrentPassword"), TestUsers.PASSWORD);
			browser.clickButton("Send a confirmation link");
			browser.waitForPageText("We sent a link to " + newEmail);
			assertThat(browser.byTestId("current-email").getText()).isEqualTo(user.email());
			assertThat(TestMailbox.subjectOf(TestMailbox.awaitMail(user.email(), 1))).isEqualTo("Your Aventian e-mail is about to change");

			browser.visit(TestMailbox.pathOf(TestMailbox.linkIn(TestMailbox.awaitMail(newEmail, 1), "/account/email/confirm")));
			browser.clickButton("Confirm new e-mail");
			assertThat(browser.byTestId("current-email").getText()).isEqualTo(newEmail);

			browser.clickButton("Sign out");
			browser.signIn(user.email(), TestUsers.PASSWORD);
			assertThat(browser.find(By.id("sign-in-error")).getText()).isEqualTo("Wrong e-mail or password.");
			browser.signIn(newEmail, TestUsers.PASSWORD);
			browser.click(By.linkText("Your account"));
			assertThat(browser.byTestId("current-email").getText()).isEqualTo(newEmail);
		}
		assertThat(TestMailbox.subjectOf(TestMailbox.awaitMail(user.email(), 2))).isEqualTo("Your Aventian e-mail was changed");
	}

	@Test
	void aPersonChangesTheirPasswordAndTheirOtherSessionEnds() {
		User user = this.users.create("Pat Password");
		String newPassword = "harbor juniper velvet 2718";

		try (Browser other = Browser.open(this.port); Browser browser = Browser.open(this.port)) {
			other.signIn(user.email(), TestUsers.PASSWORD);
			browser.signIn(user.email(), TestUsers.PASSWORD);
			browser.click(By.linkText("Your account"));
			browser.type(By.id("currentPassword"), TestUsers.PASSWORD)
				.type(By.id("newPassword"), newPassword)
				.type(By.id("newPasswordConfirmation"), newPassword);
			browser.clickButton("Change password");

			browser.waitForPageText("Your password is changed. 1 other session was signed out.");
			other.visit("/account");
			other.waitForPath("/login");
			browser.clickButton("Sign out");
			browser.signIn(user.email(), newPassword);
			browser.click(By.linkText("Your account"));
			assertThat(browser.byTestId("current-email").getText()).isEqualTo(user.email());
		}
	}

	@Test
	void aPersonSeesTwoSessionsAndEndsTheOtherWhoseNextClickLandsOnSignIn() {
		User user = this.users.create("Sid Sessions");

		try (Browser other = Browser.open(this.port); Browser browser = Browser.open(this.port)) {
			other.signIn(user.email(), TestUsers.PASSWORD);
			browser.signIn(user.email(), TestUsers.PASSWORD);
			browser.visit("/account/sessions");

			assertThat(browser.driver().findElements(By.cssSelector("[data-testid='session-row']"))).hasSize(2);
			assertThat(browser.find(By.cssSelector("[data-current='true']")).getText()).contains("This browser")
				.contains("Chrome on Linux")
				.containsPattern("127\\.0\\.0\\.1|0:0:0:0:0:0:0:1");
			browser.find(By.cssSelector("[data-current='false']")).findElement(By.xpath(".//button[normalize-space()='Sign out']")).click();
			browser.waitForPageText("That session is signed out.");
			assertThat(browser.driver().findElements(By.cssSelector("[data-testid='session-row']"))).hasSize(1);

			other.click(By.linkText("Your account"));
			other.waitForPath("/login");
		}
		assertThat(this.audit.eventsAbout("user", user.id().toString())).extracting((event) -> event.action())
			.contains("SESSION_ENDED");
	}

	@Test
	void aPasswordAccountLinksAnOidcIdentityAfterProvingThePasswordSignsInWithItAndUnlinksIt() {
		User user = this.users.create("Lina Link");

		try (Browser browser = Browser.open(this.port)) {
			signInWithOidc(browser, user.email(), "Lina Link");
			assertThat(browser.byTestId("link-identity").getText()).contains("An account with the e-mail " + user.email());
			browser.type(By.id("password"), "not the password").clickButton("Link and sign in");
			browser.waitForPageText("That is not the password of this account.");
			browser.type(By.id("password"), TestUsers.PASSWORD).clickButton("Link and sign in");
			browser.waitForPageText("Your provider is linked");

			browser.clickButton("Sign out");
			signInWithOidc(browser, user.email(), "Lina Link");
			browser.click(By.linkText("Your account"));
			assertThat(browser.byTestId("identity").getText()).contains("Aventian ID (local)").contains(user.email());
			browser.find(By.cssSelector("[data-testid='identity'] button")).click();

			browser.waitForPageText("The sign-in method is removed.");
			assertThat(browser.driver().findElements(By.cssSelector("[data-testid='identity']"))).isEmpty();
		}
		assertThat(this.audit.eventsAbout("user", user.id().toString())).extracting((event) -> event.action())
			.contains("IDENTITY_LINKED", "IDENTITY_UNLINKED");
	}

	@Test
	void anAccountWithoutAPasswordLinksANewIdentityThroughAnEmailedConfirmation() {
		String email = "pia." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		User user = this.accounts.signInWithIdentity(
				new ExternalSignIn("https://other-id.example.com", "pia-subject", email, true, "Pia Passwordless"));

		try (Browser browser = Browser.open(this.port)) {
			signInWithOidc(browser, email, "Pia Passwordless");
			browser.waitForPageText("This account has no password.");
			browser.clickButton("Mail me a confirmation link");
			browser.waitForPageText("We sent a confirmation link to " + email);
			String link = TestMailbox.linkIn(TestMailbox.awaitMail(email, 1), "/account/link/confirm");
			browser.visit(TestMailbox.pathOf(link)).clickButton("Add this sign-in method");
			browser.waitForPageText("Your provider is linked");

			browser.click(By.linkText("Your account"));
			assertThat(browser.driver().findElements(By.cssSelector("[data-testid='identity']"))).hasSize(2);
			browser.visit(TestMailbox.pathOf(link));
			assertThat(browser.byTestId("link-problem").getText()).isEqualTo("This link was already used");
		}
		assertThat(this.audit.eventsAbout("user", user.id().toString())).extracting((event) -> event.action())
			.contains("IDENTITY_LINKED");
	}

	@Test
	void theLastSignInMethodCannotBeRemoved() {
		String email = "only.oidc." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

		try (Browser browser = Browser.open(this.port)) {
			signInWithOidc(browser, email, "Olly Only");
			browser.click(By.linkText("Your account"));
			assertThat(browser.driver().findElements(By.cssSelector("[data-testid='method-password']"))).isEmpty();
			browser.find(By.cssSelector("[data-testid='identity'] button")).click();

			browser.waitForPageText("This is your only way to sign in, so it cannot be removed.");
			assertThat(browser.driver().findElements(By.cssSelector("[data-testid='identity']"))).hasSize(1);
		}
	}


	private static void signInWithOidc(Browser browser, String email, String name) {
		browser.visit("/login").clickButton("Sign in with Aventian ID (local)");
		browser.type(By.id("email"), email).type(By.id("name"), name).clickButton("Sign in");
		browser.find(By.cssSelector("h1"));
	}

}
