package com.aventian.portal.browser;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.AccountService;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Disabled accounts and the lockout of password checks, as a person meets them in the browser. */
@PortalTest
class AccountLifecycleJourneyIT {

	@LocalServerPort
	int port;

	@Value("${aventian.lockout.max-failures}")
	int maxFailures;

	@Autowired
	TestUsers users;

	@Autowired
	AccountService accounts;

	@Test
	void aDisabledAccountIsSignedOutEverywhereAndRefusedByItsProvider() {
		User user = this.users.create("Dina Disabled");
		User admin = this.users.create("Adam Admin");
		this.accounts.grantPlatformAdmin(admin.id());
		try (Browser withPassword = Browser.open(this.port); Browser withProvider = Browser.open(this.port)) {
			// given a session signed in by password, and a provider linked to the account
			withPassword.signIn(user.email(), TestUsers.PASSWORD);
			withPassword.click(By.linkText("Your account"));
			withPassword.waitForPath("/account");
			signInWithOidc(withProvider, user.email(), "Dina Disabled");
			withProvider.type(By.id("password"), TestUsers.PASSWORD).clickButton("Link and sign in");
			withProvider.waitForPageText("Your provider is linked");
			withProvider.clickButton("Sign out");

			// when a platform admin disables the account
			this.accounts.disable(user.id(), admin.id());

			// then the open session ends at its next page, and neither door opens again
			withPassword.visit("/account");
			withPassword.waitForPath("/login");
			signInWithOidc(withProvider, user.email(), "Dina Disabled");
			withProvider.waitForPageText("This account is disabled.");
			withPassword.type(By.id("email"), user.email()).type(By.id("password"), TestUsers.PASSWORD).clickButton("Sign in");
			withPassword.waitForPageText("Wrong e-mail or password.");
		}
	}

	@Test
	void guessingThePasswordOnTheLinkPageLocksItOutLikeTheSignInForm() {
		User user = this.users.create("Gina Guessed");
		try (Browser browser = Browser.open(this.port)) {
			signInWithOidc(browser, user.email(), "Gina Guessed");
			for (int i = 0; i < this.maxFailures; i++) {
				browser.type(By.id("password"), "guess number " + i).clickButton("Link and sign in");
				browser.waitForPageText("That is not the password of this account.");
			}

			browser.type(By.id("password"), TestUsers.PASSWORD).clickButton("Link and sign in");

			browser.waitForPageText("Too many failed attempts for this e-mail. Try again later.");
		}
	}

	private static void signInWithOidc(Browser browser, String email, String name) {
		browser.visit("/login").clickButton("Sign in with Aventian ID (local)");
		browser.type(By.id("email"), email).type(By.id("name"), name).clickButton("Sign in");
		browser.find(By.cssSelector("h1"));
	}

}
