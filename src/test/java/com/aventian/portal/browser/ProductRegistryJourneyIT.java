package com.aventian.portal.browser;

import java.util.List;
import java.util.UUID;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.AccountService;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@PortalTest
class ProductRegistryJourneyIT {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	AccountService accounts;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aPlatformAdminRegistersAProductWithPrivilegesAndTemplatesAndTeamsGetThem() {
		User admin = this.users.create("Paula Platform");
		this.accounts.grantPlatformAdmin(admin.id());
		User owner = this.users.create("Otis Owner");
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		UUID existingTeam = this.users.team("Helpdesk HQ " + suffix, owner);
		String code = "desk" + suffix;
		String platformTemplate = "Support lead " + suffix;

		try (Browser browser = Browser.open(this.port); Browser team = Browser.open(this.port)) {
			browser.signIn(admin.email(), TestUsers.PASSWORD);
			browser.click(By.cssSelector("[data-testid='platform-admin-link']"));
			browser.clickButton("Register a product");

			// a first try with a wrong address: the message shows beside the field and what was typed stays
			browser.type(By.id("code"), code).type(By.id("name"), "Helpdesk").type(By.id("provisioningScriptPath"), "crm/provision.sql")
				.type(By.id("dashboardUrl"), "helpdesk.example.com");
			browser.clickButton("Register product");
			browser.waitForPageText("Enter a full web address");
			assertThat(browser.find(By.id("code")).getAttribute("value")).isEqualTo(code);
			browser.type(By.id("dashboardUrl"), "https://helpdesk.example.com/");
			browser.clickButton("Register product");
			browser.waitForText("product-name", "Helpdesk");

			browser.type(By.id("resourceType"), "ticket").clickButton("Add resource type");
			browser.waitForText("resource-types", "ticket");
			browser.type(By.id("privilegeCode"), code + ".ticket.read").type(By.id("privilegeDescription"), "Read tickets");
			browser.clickButton("Add privilege");
			browser.waitForPageText("Privilege " + code + ".ticket.read added.");
			browser.type(By.id("privilegeCode"), code + ".ticket.answer").type(By.id("privilegeDescription"), "Answer tickets");
			browser.clickButton("Add privilege");
			browser.waitForText("privileges", code + ".ticket.answer");

			browser.clickButton("New role template");
			browser.type(By.id("name"), "Ticket agent");
			browser.find(By.cssSelector("input[data-code='" + code + ".ticket.read']")).click();
			browser.find(By.cssSelector("input[data-code='" + code + ".ticket.answer']")).click();
			browser.clickButton("Save template");
			browser.waitForPageText("Template Ticket agent is saved.");

			browser.click(By.cssSelector("[data-testid='template-product']"));
			browser.waitForText("product-templates", "Ticket agent");
			browser.type(By.id("teamId"), existingTeam.toString()).clickButton("Give the team this product");
			browser.waitForPageText("The team has the product, with copies of its role templates.");

			browser.click(By.linkText("Platform role templates"));
			browser.clickButton("New platform template");
			browser.type(By.id("name"), platformTemplate);
			browser.find(By.cssSelector("input[data-code='team.read']")).click();
			browser.find(By.cssSelector("input[data-code='members.read']")).click();
			browser.clickButton("Save template");
			browser.waitForPageText("Template " + platformTemplate + " is saved.");

			// the team that got the product has the template's role, and registers resources of its type
			team.signIn(owner.email(), TestUsers.PASSWORD);
			team.visit("/teams/" + existingTeam + "/resources");
			new org.openqa.selenium.support.ui.Select(team.find(By.id("kind"))).selectByVisibleText("Helpdesk: ticket");
			team.type(By.id("externalId"), "T-42").type(By.id("displayName"), "Printer on fire").clickButton("Register");
			team.waitForPageText("Printer on fire is registered.");
			assertThat(team.byTestId("resources").getText()).contains("Helpdesk", "ticket", "T-42");
			assertThat(rolesOfTeam(existingTeam)).contains("Ticket agent:" + code + ".ticket.answer," + code + ".ticket.read");

			// a team made now has the new platform template's role among the roles its members can be given
			team.visit("/teams/new");
			team.type(By.id("name"), "Fresh team " + suffix).clickButton("Create team");
			team.waitForText("team-name", "Fresh team " + suffix);
			team.click(By.linkText("Members"));
			WebElement roleOfOwner = team.find(By.cssSelector("[data-email='" + owner.email() + "'] select"));
			assertThat(new org.openqa.selenium.support.ui.Select(roleOfOwner).getOptions()).extracting(WebElement::getText)
				.contains(platformTemplate);

			browser.visit("/admin/products");
			browser.click(By.linkText(code));
			browser.click(By.linkText("Ticket agent"));
			browser.waitForText("template-copies", "1 team role(s) were copied from this template.");
		}
		finally {
			// the platform's templates are shared by every test of the run: teams made by later tests must not get it
			this.jdbc.update("delete from aventian.tbl_role_templates where product_id is null and name = ?", platformTemplate);
		}
	}

	private List<String> rolesOfTeam(UUID teamId) {
		return this.jdbc.queryForList("""
				select r.name || ':' || string_agg(p.code, ',' order by p.code)
				from aventian.tbl_roles r join aventian.tbl_role_privileges rp on rp.role_id = r.id
				join aventian.tbl_privileges p on p.id = rp.privilege_id
				where r.team_id = ? group by r.name""", String.class, teamId);
	}

}
