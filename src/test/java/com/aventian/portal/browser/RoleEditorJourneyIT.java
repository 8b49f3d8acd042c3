package com.aventian.portal.browser;

import java.util.List;
import java.util.UUID;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.rbac.EditorFixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A team admin builds a role in the editor and gives it to a member on one resource; the member's next
 * page shows exactly what it allows, "why?" names the grant, and taking a privilege away is previewed
 * with the member who would lose it.
 */
@PortalTest
class RoleEditorJourneyIT {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	EditorFixtures rbac;

	@Test
	void anAdminCreatesARoleFromATemplateTogglesTwoPrivilegesAndGivesItToAMemberOnOneContact() {
		User olga = this.users.create("Olga Owner");
		User mia = this.users.create("Mia Member");
		String teamName = "Journey " + UUID.randomUUID().toString().substring(0, 6);
		UUID team = this.users.team(teamName, olga, mia, "Member");
		EditorFixtures.Crm crm = this.rbac.crm();
		this.rbac.associate(team, crm);
		this.rbac.grant(team, olga.id(), this.users.roleId(team, "CRM admin"), null);
		this.rbac.resource(team, crm, "contact", "ACME");
		this.rbac.resource(team, crm, "contact", "Globex");

		try (Browser admin = Browser.open(this.port); Browser member = Browser.open(this.port)) {
			member.signIn(mia.email(), TestUsers.PASSWORD);
			member.click(By.linkText("Your access"));
			assertThat(accessOf(member)).containsExactly("members.read team-wide", "team.read team-wide");

			admin.signIn(olga.email(), TestUsers.PASSWORD);
			admin.click(By.linkText("Roles"));
			admin.type(By.id("new-role-name"), "Account manager");
			new Select(admin.find(By.id("new-role-template"))).selectByVisibleText("CRM " + crm.code() + ": Sales rep");
			admin.clickButton("Create role");
			admin.waitForText("editor-message", "The role Account manager was created.");
			assertThat(cell(admin, "Account manager", crm.read()).getAttribute("data-granted")).isEqualTo("true");

			toggle(admin, "Account manager", crm.update(), true);
			toggle(admin, "Account manager", crm.delete(), true);

			new Select(admin.find(By.id("assign-member"))).selectByVisibleText("Mia Member (" + mia.email() + ")");
			new Select(admin.find(By.id("assign-role"))).selectByVisibleText("Account manager");
			new Select(admin.find(By.id("assign-resource"))).selectByVisibleText("CRM " + crm.code() + " contact 'ACME'");
			admin.clickButton("Assign");
			admin.waitForText("editor-message", "Mia Member");

			member.visit("/teams/" + team + "/access");
			assertThat(accessOf(member)).containsExactly(crm.delete() + " on contact 'ACME'",
					crm.read() + " on contact 'ACME'", crm.update() + " on contact 'ACME'", "members.read team-wide",
					"team.read team-wide");

			new Select(admin.find(By.id("why-member"))).selectByVisibleText("Mia Member (" + mia.email() + ")");
			new Select(admin.find(By.id("why-privilege"))).selectByVisibleText(crm.update());
			new Select(admin.find(By.id("why-resource"))).selectByVisibleText("CRM " + crm.code() + " contact 'ACME'");
			admin.clickButton("Explain");
			admin.waitForText("why-answer", "Role Account manager (on contact 'ACME') grants " + crm.update());

			cell(admin, "Account manager", crm.delete()).findElement(By.tagName("button")).click();
			admin.waitForText("preview", "Removing " + crm.delete() + " (through Account manager) takes it away from 1 member:");
			assertThat(admin.byTestId("preview-member").getText()).isEqualTo("Mia Member (on contact 'ACME')");
			admin.clickButton("Remove anyway");
			admin.waitForText("editor-message", "Removed " + crm.delete() + ".");
			assertThat(cell(admin, "Account manager", crm.delete()).getAttribute("data-granted")).isEqualTo("false");

			member.visit("/teams/" + team + "/access");
			assertThat(accessOf(member)).containsExactly(crm.read() + " on contact 'ACME'",
					crm.update() + " on contact 'ACME'", "members.read team-wide", "team.read team-wide");
		}
	}

	private static WebElement cell(Browser browser, String role, String privilege) {
		return browser.find(By.cssSelector("[data-testid='cell'][data-role='" + role + "'][data-privilege='" + privilege + "']"));
	}

	/** Clicks the cell and waits until the redrawn matrix shows it in the new state. */
	private static void toggle(Browser browser, String role, String privilege, boolean granted) {
		cell(browser, role, privilege).findElement(By.tagName("button")).click();
		browser.find(By.cssSelector("[data-testid='cell'][data-role='" + role + "'][data-privilege='" + privilege
				+ "'][data-granted='" + granted + "']"));
	}

	private static List<String> accessOf(Browser browser) {
		browser.find(By.cssSelector("[data-testid='access-row']"));
		return browser.driver()
			.findElements(By.cssSelector("[data-testid='access-row']"))
			.stream()
			.map((row) -> row.getAttribute("data-privilege") + " " + row.getAttribute("data-where"))
			.toList();
	}

}
