package com.aventian.portal.browser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.AccountService;
import com.aventian.portal.account.User;
import com.aventian.portal.team.MembershipService;
import com.aventian.portal.team.TeamService;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit log in a real browser: a team admin's filters, an event's detail and the CSV; a stranger; a platform admin. */
@PortalTest
class AuditJourneyIT {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	TeamService teams;

	@Autowired
	MembershipService memberships;

	@Autowired
	AccountService accounts;

	@Test
	void aTeamAdminFiltersByActorAndActionOpensAnEventAndExportsTheFilteredCsv() throws Exception {
		// given a team where the owner changed a member's role and a co-admin renamed the team
		User owner = this.users.create("Ora Owner");
		User coAdmin = this.users.create("Cai Coadmin");
		User member = this.users.create("Mel Member");
		UUID team = this.users.team("Journey " + UUID.randomUUID(), owner, coAdmin, "Admin", member, "Member");
		this.memberships.changeRole(new MembershipService.Actor(owner.id(), owner.email()), team, member.id(),
				this.users.roleId(team, "Viewer"), this.memberships.member(team, member.id()).version());
		this.teams.rename(team, coAdmin.id(), coAdmin.email(), "Journey renamed " + UUID.randomUUID(),
				this.teams.team(team).version());

		try (Browser browser = Browser.open(this.port)) {
			browser.signIn(owner.email(), TestUsers.PASSWORD);
			browser.visit("/teams/" + team);
			browser.click(By.linkText("Audit log"));
			assertThat(actions(browser)).contains("TEAM_CREATED", "ROLE_CHANGED", "TEAM_RENAMED");

			// when the admin filters by actor and action
			browser.type(By.id("actor"), owner.email());
			new Select(browser.find(By.id("action"))).selectByValue("ROLE_CHANGED");
			browser.clickButton("Apply");
			browser.waitForPath("/teams/" + team + "/audit");

			// then only the owner's role changes are listed
			assertThat(actions(browser)).containsExactly("ROLE_CHANGED");
			assertThat(browser.byTestId("audit-actor").getText()).isEqualTo(owner.email());

			// and the event's detail shows the role before and after side by side
			browser.click(By.linkText("Details"));
			assertThat(browser.byTestId("event-action").getText()).isEqualTo("ROLE_CHANGED");
			assertThat(browser.byTestId("change-before").getText()).isEqualTo("Member");
			assertThat(browser.byTestId("change-after").getText()).isEqualTo("Viewer");

			// and the export of the filtered view holds the header and that one event
			browser.click(By.linkText("Back to the audit log"));
			browser.visit("/teams/" + team + "/audit?actor=" + owner.email() + "&action=ROLE_CHANGED");
			String csv = download(browser, browser.byTestId("export-csv").getAttribute("href"));
			List<String> lines = csv.lines().toList();
			assertThat(lines).hasSize(2);
			assertThat(lines.get(0)).startsWith("occurred_at,action,actor_email");
			assertThat(lines.get(1)).contains("\"ROLE_CHANGED\"").contains(owner.email()).contains("Viewer");
		}
	}

	@Test
	void aMemberOfAnotherTeamSeesNoneOfItAndAPlatformAdminSeesBothTeams() {
		// given two teams
		User ownerOfA = this.users.create("Abe Alpha");
		UUID teamA = this.users.team("Alpha audit " + UUID.randomUUID(), ownerOfA);
		User ownerOfB = this.users.create("Bo Bravo");
		UUID teamB = this.users.team("Bravo audit " + UUID.randomUUID(), ownerOfB);
		User admin = this.users.create("Pia Platform");
		this.accounts.grantPlatformAdmin(admin.id());

		// when the owner of B tries A's audit log, then it does not exist for them
		try (Browser stranger = Browser.open(this.port)) {
			stranger.signIn(ownerOfB.email(), TestUsers.PASSWORD);
			stranger.visit("/teams/" + teamA + "/audit");
			stranger.waitForPageText("Page not found");
			assertThat(stranger.pageText()).doesNotContain(ownerOfA.email());
			stranger.visit("/teams/" + teamA + "/audit/export.csv");
			stranger.waitForPageText("Page not found");
		}

		// when a platform admin filters the whole trail for team creations, then both teams are there
		try (Browser platform = Browser.open(this.port)) {
			platform.signIn(admin.email(), TestUsers.PASSWORD);
			platform.visit("/admin/audit");
			new Select(platform.find(By.id("action"))).selectByValue("TEAM_CREATED");
			platform.clickButton("Apply");
			platform.waitForPath("/admin/audit");
			String page = platform.pageText();
			assertThat(page).contains(teamA.toString()).contains(teamB.toString());
			platform.type(By.id("team"), teamB.toString()).clickButton("Apply");
			platform.waitForPageText(ownerOfB.email());
			assertThat(platform.pageText()).doesNotContain(teamA.toString());
		}
	}

	private static List<String> actions(Browser browser) {
		browser.find(By.cssSelector("h1"));
		return browser.driver().findElements(By.cssSelector("[data-testid='audit-action']")).stream()
			.map(WebElement::getText)
			.toList();
	}

	/** What the browser would download: the link fetched with the browser's own session. */
	private static String download(Browser browser, String url) throws Exception {
		Cookie session = browser.driver().manage().getCookieNamed("AVENTIAN_SESSION");
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", "AVENTIAN_SESSION=" + session.getValue()).GET()
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying((value) -> assertThat(value)
			.startsWith("attachment"));
		return response.body();
	}

}
