package com.aventian.portal.browser;

import java.util.UUID;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestMailbox;
import com.aventian.portal.audit.AuditLog;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@PortalTest
class SignUpJourneyIT {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

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
	void aStrangerSignsUpVerifiesTheirEmailNamesTheirFirstTeamAndLandsOnItsHomePage() {
		String email = "sam.signup." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

		this.browser.visit("/login").clickButton("Create an account");
		this.browser.type(By.id("displayName"), "Sam <b>Signup</b>")
			.type(By.id("email"), email)
			.type(By.id("password"), "violet tractor harbour 1987")
			.type(By.id("passwordConfirmation"), "violet tractor harbour 1987");
		this.browser.click(By.id("acceptTerms1"));
		this.browser.clickButton("Create account");

		this.browser.waitForPath("/signup/check-inbox");
		assertThat(this.browser.byTestId("check-inbox").getText()).contains(email);

		MimeMessage mail = TestMailbox.awaitMail(email, 1);
		assertThat(TestMailbox.subjectOf(mail)).isEqualTo("Verify your e-mail for Aventian");
		this.browser.visit(TestMailbox.pathOf(TestMailbox.linkIn(mail, "/verify-email/confirm")));
		this.browser.clickButton("Verify my e-mail");

		this.browser.waitForPath("/");
		assertThat(this.browser.byTestId("display-name").getText()).isEqualTo("Sam <b>Signup</b>");
		this.browser.waitForPageText("Your e-mail is verified.");
		this.browser.type(By.id("name"), "Signup Studio").clickButton("Create team");

		assertThat(this.browser.byTestId("team-name").getText()).isEqualTo("Signup Studio");
		assertThat(this.browser.byTestId("my-roles").getText()).isEqualTo("Owner");
		assertThat(this.browser.byTestId("member-count").getText()).isEqualTo("1");
		assertThat(this.browser.path()).matches("/teams/[0-9a-f-]{36}");
		String userId = this.jdbc.queryForObject("select id::text from aventian.tbl_users where email = ?", String.class,
				email);
		assertThat(this.audit.eventsAbout("user", userId)).extracting((event) -> event.action())
			.containsExactly("USER_CREATED", "EMAIL_VERIFIED");
		assertThat(this.jdbc.queryForObject(
				"select terms_accepted_at is not null from aventian.tbl_users where id = ?::uuid", Boolean.class, userId))
			.isTrue();
	}

	@Test
	void anUnverifiedPersonWhoSignsInSeesOnlyTheVerifyPageAndCanAskForANewLink() {
		String email = "una.unverified." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		this.browser.visit("/signup")
			.type(By.id("displayName"), "Una Unverified")
			.type(By.id("email"), email)
			.type(By.id("password"), "copper lantern meadow 2211")
			.type(By.id("passwordConfirmation"), "copper lantern meadow 2211");
		this.browser.click(By.id("acceptTerms1")).clickButton("Create account");
		this.browser.waitForPath("/signup/check-inbox");
		String firstLink = TestMailbox.linkIn(TestMailbox.awaitMail(email, 1), "/verify-email/confirm");

		this.browser.visit("/login").type(By.id("email"), email).type(By.id("password"), "copper lantern meadow 2211");
		this.browser.clickButton("Sign in");
		this.browser.waitForPath("/verify-email");
		this.browser.visit("/teams/new");
		this.browser.waitForPath("/verify-email");
		this.browser.clickButton("Send a new link");

		this.browser.waitForPageText("We sent a new link to " + email + ".");
		String secondLink = TestMailbox.linkIn(TestMailbox.awaitMail(email, 2), "/verify-email/confirm");
		this.browser.visit(TestMailbox.pathOf(secondLink)).clickButton("Verify my e-mail");
		this.browser.waitForPath("/");
		assertThat(this.browser.byTestId("no-teams").isDisplayed()).isTrue();
		// verifying ended every other link of the account
		this.browser.visit(TestMailbox.pathOf(firstLink));
		assertThat(this.browser.byTestId("link-problem").getText()).isEqualTo("This link was already used");
	}

	@Test
	void theOwnerWhoSignsUpAfterASquatterVerifiesWithTheirOwnPasswordAndTheSquatterIsSignedOut() {
		String email = "olive.owner." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		Browser squatter = Browser.open(this.port);
		try {
			signUp(squatter, "Sid Squatter", email, "squatter orchid marble 7781");
			squatter.visit("/login").type(By.id("email"), email).type(By.id("password"), "squatter orchid marble 7781");
			squatter.clickButton("Sign in");
			squatter.waitForPath("/verify-email");
			// the squatter's mail is out first, so the second mail is the owner's (two queued at once may swap)
			TestMailbox.awaitMail(email, 1);

			signUp(this.browser, "Olive Owner", email, "owner lantern meadow 9902");
			String ownersLink = TestMailbox.linkIn(TestMailbox.awaitMail(email, 2), "/verify-email/confirm");
			this.browser.visit(TestMailbox.pathOf(ownersLink)).clickButton("Verify my e-mail");

			this.browser.waitForPath("/");
			assertThat(this.browser.byTestId("display-name").getText()).isEqualTo("Olive Owner");
			squatter.visit("/verify-email");
			squatter.waitForPath("/login");
			squatter.type(By.id("email"), email).type(By.id("password"), "squatter orchid marble 7781").clickButton("Sign in");
			squatter.waitForPageText("Wrong e-mail or password.");
		}
		finally {
			squatter.close();
		}
	}

	private static void signUp(Browser browser, String name, String email, String password) {
		browser.visit("/signup")
			.type(By.id("displayName"), name)
			.type(By.id("email"), email)
			.type(By.id("password"), password)
			.type(By.id("passwordConfirmation"), password);
		browser.click(By.id("acceptTerms1")).clickButton("Create account");
		browser.waitForPath("/signup/check-inbox");
	}

}
