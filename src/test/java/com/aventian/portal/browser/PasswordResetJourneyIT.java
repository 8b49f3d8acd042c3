package com.aventian.portal.browser;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestMailbox;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@PortalTest
class PasswordResetJourneyIT {

	static final String NEW_PASSWORD = "granite pelican orchard 5150";

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Test
	void aPersonResetsTheirPasswordByMailSignsInWithTheNewOneAndEverySessionOfTheAccountEnds() {
		User user = this.users.create("Rhea Reset");
		try (Browser elsewhere = Browser.open(this.port); Browser browser = Browser.open(this.port)) {
			signIn(elsewhere, user.email(), TestUsers.PASSWORD);
			elsewhere.waitForPath("/");

			browser.visit("/login").clickButton("Forgot your password?");
			browser.type(By.id("email"), user.email()).clickButton("Send me a link");
			assertThat(browser.byTestId("reset-sent").getText()).contains(user.email());
			String link = TestMailbox.linkIn(TestMailbox.awaitMail(user.email(), 1), "/password/reset");
			browser.visit(TestMailbox.pathOf(link));
			browser.type(By.id("password"), NEW_PASSWORD).type(By.id("passwordConfirmation"), NEW_PASSWORD);
			browser.clickButton("Set new password");

			browser.waitForPath("/login");
			browser.waitForPageText("Your password is changed. Sign in with the new one.");
			assertThat(TestMailbox.subjectOf(TestMailbox.awaitMail(user.email(), 2)))
				.isEqualTo("Your Aventian password was changed");

			signIn(browser, user.email(), TestUsers.PASSWORD);
			assertThat(browser.find(By.id("sign-in-error")).getText()).isEqualTo("Wrong e-mail or password.");
			signIn(browser, user.email(), NEW_PASSWORD);
			browser.waitForPath("/");
			assertThat(browser.byTestId("display-name").getText()).isEqualTo("Rhea Reset");

			elsewhere.visit("/");
			elsewhere.waitForPath("/login");

			browser.visit(TestMailbox.pathOf(link));
			assertThat(browser.byTestId("link-problem").getText()).isEqualTo("This link was already used");
		}
	}

	private static void signIn(Browser browser, String email, String password) {
		browser.visit("/login").type(By.id("email"), email).type(By.id("password"), password).clickButton("Sign in");
	}

}
