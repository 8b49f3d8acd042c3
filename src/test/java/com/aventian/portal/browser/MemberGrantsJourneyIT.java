package com.aventian.portal.browser;

import java.util.UUID;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.rbac.Authorization;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Item 11 in a browser: an owner gives a member a role narrowed to one resource from the members page
 * (htmx, no reload), the row shows "Role on resource", and removing it first shows what the member
 * would lose.
 */
@PortalTest
class MemberGrantsJourneyIT {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Authorization authorization;

	@Test
	void anOwnerNarrowsARoleToOneResourceOnTheMembersPageAndRemovesItAfterThePreview() {
		String code = "j" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		UUID product = this.jdbc.queryForObject("insert into aventian.tbl_master_products (code, name, "
				+ "allowed_resource_types) values (?, 'Journey CRM', array['contact']) returning id", UUID.class, code);
		String read = code + ".contact.read";
		this.jdbc.update("insert into aventian.tbl_privileges (code, description, product_id, resource_type) "
				+ "values (?, 'Read contacts', ?, 'contact')", read, product);
		User olivia = this.users.create("Olivia Owner");
		User bob = this.users.create("Bob Member");
		UUID team = this.users.team("Journey " + UUID.randomUUID(), olivia, bob, "Member");
		UUID acme = this.jdbc.queryForObject("insert into aventian.tbl_resources (team_id, product_id, resource_type, "
				+ "external_id, display_name) values (?, ?, 'contact', 'acme', 'ACME') returning id", UUID.class, team, product);
		this.jdbc.queryForObject("insert into aventian.tbl_resources (team_id, product_id, resource_type, external_id, "
				+ "display_name) values (?, ?, 'contact', 'globex', 'Globex') returning id", UUID.class, team, product);
		UUID sales = this.jdbc.queryForObject("insert into aventian.tbl_roles (team_id, name) values (?, 'Sales') returning id",
				UUID.class, team);
		this.jdbc.update("insert into aventian.tbl_role_privileges (role_id, privilege_id) "
				+ "select ?, id from aventian.tbl_privileges where code = ?", sales, read);
		// the owner holds the product privilege team-wide, so may give it anywhere in the team
		this.jdbc.update("insert into aventian.tbl_user_roles (team_id, user_id, role_id) values (?, ?, ?)", team,
				olivia.id(), sales);
		String grants = "#grants-" + bob.id();

		try (Browser browser = Browser.open(this.port)) {
			browser.signIn(olivia.email(), TestUsers.PASSWORD);
			browser.visit("/teams/" + team + "/members");
			browser.click(By.cssSelector(grants + " [data-testid='add-grant']"));
			new Select(browser.find(By.cssSelector(grants + " select[name='resourceId']"))).selectByVisibleText("contact 'ACME'");
			// choosing the resource redraws the form (htmx) with the roles that may be given there
			browser.find(By.cssSelector(grants + " select[name='resourceId'] option[value='" + acme + "'][selected]"));
			new Select(browser.find(By.cssSelector(grants + " select[name='roleId']"))).selectByVisibleText("Sales");
			browser.click(By.cssSelector(grants + " button[type='submit']"));

			browser.find(By.xpath("//*[@id='grants-" + bob.id() + "']//li[starts-with(normalize-space(), \"Sales on contact 'ACME'\")]"));
			assertThat(browser.path()).isEqualTo("/teams/" + team + "/members");
			assertThat(this.authorization.can(bob.id(), team, read, acme)).isTrue();

			browser.click(By.xpath("//*[@id='grants-" + bob.id() + "']//li[contains(., 'Sales on')]//a[@data-testid='remove-grant']"));
			assertThat(browser.find(By.cssSelector("[data-testid='lost-privileges']")).getText()).contains(read);
			browser.click(By.cssSelector("[data-testid='confirm-remove-grant']"));

			browser.find(By.xpath("//*[@id='grants-" + bob.id() + "']//p[contains(., 'Removed Sales on')]"));
			assertThat(this.authorization.can(bob.id(), team, read, acme)).isFalse();
		}
	}

}
