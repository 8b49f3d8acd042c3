package com.aventian.portal.browser;

import java.time.Duration;
import java.util.UUID;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.provisioning.DbConnections;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 13: a team admin subscribes the team to a product, watches its database being prepared, and cancels. */
@PortalTest
class SubscriptionJourneyIT {

	/** Provisioning makes a real database; on a busy build machine that takes longer than a page load. */
	private static final Duration PROVISIONING = Duration.ofSeconds(120);

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DbConnections connections;

	@Test
	void aTeamAdminSubscribesWatchesProvisioningFinishOpensTheDashboardLinkAndCancels() {
		User owner = this.users.create("Olga Owner");
		User admin = this.users.create("Adam Admin");
		String teamName = "Journey " + UUID.randomUUID().toString().substring(0, 6);
		UUID team = this.users.team(teamName, owner, admin, "Admin");
		String code = "crm" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
		UUID product = this.jdbc.queryForObject("insert into aventian.tbl_master_products (code, name, description, "
				+ "provisioning_script_path, dashboard_url, allowed_resource_types) values (?, ?, ?, 'crm/provision.sql', ?, "
				+ "array['contact', 'pipeline']) returning id", UUID.class, code, "CRM " + code, "Contacts and deals",
				"https://crm.example.com/teams");
		String card = "#product-" + product;

		try (Browser browser = Browser.open(this.port)) {
			browser.signIn(admin.email(), TestUsers.PASSWORD);
			browser.visit("/teams/" + team);
			browser.click(By.cssSelector("[data-testid='nav-products']"));
			browser.waitForPath("/teams/" + team + "/products");

			browser.click(By.cssSelector(card + " [data-testid='subscribe']"));
			browser.waitForPageText("Subscribed to CRM " + code);
			new WebDriverWait(browser.driver(), PROVISIONING).until(ExpectedConditions
				.attributeToBe(By.cssSelector(card), "data-status", "ACTIVE"));

			assertThat(browser.find(By.cssSelector(card + " [data-testid='status']")).getText()).isEqualTo("Active");
			assertThat(browser.find(By.cssSelector(card + " [data-testid='dashboard-link']")).getAttribute("href"))
				.isEqualTo("https://crm.example.com/teams");
			String password = this.connections.read(team, product, "journey test").orElseThrow().password();
			assertThat(browser.driver().getPageSource()).doesNotContain(password).doesNotContain("jdbc:");

			browser.click(By.cssSelector(card + " [data-testid='cancel']"));
			browser.click(By.cssSelector("[data-testid='confirm-cancel']"));
			browser.waitForPageText("The subscription to CRM " + code + " is cancelled.");
			assertThat(browser.find(By.cssSelector(card)).getAttribute("data-status")).isEqualTo("CANCELLED");
			assertThat(browser.find(By.cssSelector(card + " [data-testid='status']")).getText()).isEqualTo("Cancelled");
		}
		assertThat(this.jdbc.queryForList("select action from aventian_audit.tbl_audit_events where target_id = ? "
				+ "order by occurred_at", String.class, subscriptionOf(team, product).toString()))
			.containsSubsequence("SUBSCRIBED", "PROVISIONING_STARTED", "PROVISIONING_SUCCEEDED", "SUBSCRIPTION_CANCELLED");
	}

	private UUID subscriptionOf(UUID team, UUID product) {
		return this.jdbc.queryForObject("select id from aventian.tbl_team_product_assoc where team_id = ? and product_id = ?",
				UUID.class, team, product);
	}

}
