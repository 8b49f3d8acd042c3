package com.aventian.portal.browser;

import java.util.List;
import java.util.UUID;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.audit.LoginAction;
import com.aventian.portal.audit.LoginActivity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@PortalTest
class SignInJourneyIT {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	AuditLog audit;

	Browser browser;

	@BeforeEach
	void openBrowser() {
		this.browser = Browser.open(this.port);
	}

	@AfterEach
	void closeBrowser() {
		this.browser.close();
	}

	@Test
	void aPersonSignsInWithTheOidcButtonAsAChosenEmailSeesTheirHomePageAndSignsOut() {
		String email = "oidc." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

		this.browser.visit("/login").clickButton("Sign in with Aventian ID (local)");
		this.browser.type(By.id("email"), email).type(By.id("name"), "Olivia Oidc").clickButton("Sign in");

		this.browser.waitForPath("/");
		assertThat(this.browser.byTestId("display-name").getText()).isEqualTo("Olivia Oidc");
		assertThat(this.browser.byTestId("email").getText()).isEqualTo(email);
		assertThat(this.browser.byTestId("no-teams").getText()).contains("You are not in a team yet");

		this.browser.clickButton("Sign out");

		this.browser.waitForPath("/login");
		this.browser.waitForPageText("You are signed out.");
		this.browser.visit("/");
		this.browser.waitForPath("/login");
		assertThat(actionsOf(email)).containsExactly(LoginAction.LOGOUT, LoginAction.LOGIN);
	}

	@Test
	void aWrongPasswordShowsAClearErrorKeepsTheEmailTypedAndIsRecorded() {
		User user = this.users.create("Walt Wrong");

		this.browser.visit("/login").type(By.id("email"), user.email()).type(By.id("password"), "not the password");
		this.browser.clickButton("Sign in");

		assertThat(this.browser.find(By.id("sign-in-error")).getText()).isEqualTo("Wrong e-mail or password.");
		assertThat(this.browser.find(By.id("email")).getDomProperty("value")).isEqualTo(user.email());
		assertThat(this.browser.find(By.id("password")).getDomProperty("value")).isEmpty();
		List<LoginActivity> activity = this.audit.recentLoginActivity(user.email(), 5);
		assertThat(activity).singleElement().satisfies((row) -> {
			assertThat(row.action()).isEqualTo(LoginAction.LOGIN_FAILED);
			assertThat(row.ip()).isNotNull();
			assertThat(row.ip().isLoopbackAddress()).isTrue();
		});
	}

	@Test
	void aPersonSignsInWithTheirPasswordAndSeesTheirTeams() {
		User user = this.users.create("Paula Password");

		this.browser.visit("/login").type(By.id("email"), user.email()).type(By.id("password"), TestUsers.PASSWORD);
		this.browser.clickButton("Sign in");

		this.browser.waitForPath("/");
		assertThat(this.browser.byTestId("display-name").getText()).isEqualTo("Paula Password");
		assertThat(actionsOf(user.email())).containsExactly(LoginAction.LOGIN);
	}

	private List<LoginAction> actionsOf(String email) {
		return this.audit.recentLoginActivity(email, 10).stream().map(LoginActivity::action).toList();
	}

}
