package com.aventian.portal.browser;

import java.util.List;
import java.util.UUID;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.audit.LoginAction;
import com.aventian.portal.audit.LoginActivity;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@PortalTest
class TeamJourneyIT {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	AuditLog audit;

	@Test
	void aMemberOfTwoTeamsSwitchesWithTheHeaderSwitcherAndSeesEachTeamsOwnMembers() {
		User max = this.users.create("Max Multi");
		User alan = this.users.create("Alan Alpha");
		User bea = this.users.create("Bea Beta");
		String alpha = "Alpha " + suffix();
		String beta = "Beta " + suffix();
		this.users.team(alpha, alan, max, "Member");
		this.users.team(beta, bea, max, "Member");

		try (Browser browser = Browser.open(this.port)) {
			browser.signIn(max.email(), TestUsers.PASSWORD);
			switchTo(browser, beta);
			assertThat(browser.byTestId("team-name").getText()).isEqualTo(beta);
			assertThat(browser.byTestId("switcher-current").getText()).isEqualTo(beta);
			browser.click(By.linkText("Members"));
			assertThat(memberNames(browser)).containsExactlyInAnyOrder("Bea Beta", "Max Multi");

			switchTo(browser, alpha);
			assertThat(browser.byTestId("team-name").getText()).isEqualTo(alpha);
			browser.click(By.linkText("Members"));
			assertThat(memberNames(browser)).containsExactlyInAnyOrder("Alan Alpha", "Max Multi");

			browser.click(By.linkText("Your account"));
			assertThat(browser.byTestId("switcher-current").getText()).isEqualTo(alpha);
		}
		List<LoginActivity> switches = this.audit.recentLoginActivity(max.email(), 10)
			.stream()
			.filter((row) -> row.action() == LoginAction.TEAM_SWITCHED)
			.toList();
		assertThat(switches).hasSize(2).allSatisfy((row) -> {
			assertThat(row.teamId()).isNotNull();
			assertThat(row.ip()).isNotNull();
		});
	}

	@Test
	void anOwnerChangesAMembersRoleAndRemovesAMemberWhoseNextClickLandsElsewhere() {
		User olivia = this.users.create("Olivia Owner");
		User rita = this.users.create("Rita Role");
		User rob = this.users.create("Rob Removed");
		String team = "Gamma " + suffix();
		this.users.team(team, olivia, rita, "Member", rob, "Member");

		try (Browser owner = Browser.open(this.port); Browser removed = Browser.open(this.port)) {
			removed.signIn(rob.email(), TestUsers.PASSWORD);
			removed.waitForPath(removed.path());
			assertThat(removed.byTestId("team-name").getText()).isEqualTo(team);

			owner.signIn(olivia.email(), TestUsers.PASSWORD);
			owner.click(By.linkText("Members"));
			WebElement ritaRow = rowOf(owner, rita);
			new Select(ritaRow.findElement(By.tagName("select"))).selectByVisibleText("Admin");
			ritaRow.findElement(By.xpath(".//button[normalize-space()='Change']")).click();
			assertThat(owner.find(By.cssSelector("[data-email='" + rita.email() + "'] .row-message")).getText())
				.isEqualTo("Rita Role is now Admin.");

			rowOf(owner, rob).findElement(By.linkText("Remove")).click();
			owner.clickButton("Remove from team");
			owner.waitForPageText("Rob Removed was removed from the team.");
			assertThat(memberNames(owner)).containsExactlyInAnyOrder("Olivia Owner", "Rita Role");

			removed.click(By.linkText("Members"));
			removed.waitForPageText("Page not found");
			removed.click(By.linkText("Go to your home page"));
			removed.waitForPath("/");
			assertThat(removed.byTestId("no-teams").isDisplayed()).isTrue();
		}
	}

	@Test
	void theLastOwnerWhoTriesToLeaveIsToldWhy() {
		User solo = this.users.create("Sol Solo");
		String team = "Delta " + suffix();
		this.users.team(team, solo);

		try (Browser browser = Browser.open(this.port)) {
			browser.signIn(solo.email(), TestUsers.PASSWORD);
			browser.click(By.linkText("Leave team"));
			assertThat(browser.byTestId("last-owner").getText()).startsWith("You are the team's last owner");
			browser.clickButton("Leave team");

			browser.waitForPageText("You are the team's last owner, so you cannot leave it.");
			browser.visit("/");
			assertThat(browser.byTestId("team-name").getText()).isEqualTo(team);
		}
	}


	private static void switchTo(Browser browser, String team) {
		browser.click(By.id("switcher-button"));
		browser.click(By.cssSelector("[data-testid='switcher-panel'] button[data-team='" + team + "']"));
		browser.waitForText("team-name", team);
	}

	private static WebElement rowOf(Browser browser, User user) {
		return browser.find(By.cssSelector("[data-testid='member-row'][data-email='" + user.email() + "']"));
	}

	private static List<String> memberNames(Browser browser) {
		browser.find(By.cssSelector("[data-testid='member-row']"));
		return browser.driver()
			.findElements(By.cssSelector("[data-testid='member-name']"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 6);
	}

}
