package com.aventian.portal.browser;

import java.util.List;
import java.util.UUID;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** axe-core scans the main pages in the browser: no serious or critical accessibility violation. */
@PortalTest
class AccessibilityIT {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Test
	void theMainPagesHaveNoSeriousAccessibilityViolations() {
		User owner = this.users.create("Alex Access");
		User member = this.users.create("Mo Member");
		UUID team = this.users.team("Accessible " + UUID.randomUUID().toString().substring(0, 6), owner, member, "Member");

		try (Browser browser = Browser.open(this.port)) {
			assertAccessible(browser.visit("/login"), "/login");
			assertAccessible(browser.visit("/signup"), "/signup");
			assertAccessible(browser.visit("/password/forgot"), "/password/forgot");
			browser.signIn(owner.email(), TestUsers.PASSWORD);
			for (String path : List.of("/teams/" + team, "/teams/" + team + "/members", "/teams/" + team + "/settings",
					"/teams/" + team + "/invitations", "/teams/new", "/account", "/account/sessions")) {
				assertAccessible(browser.visit(path), path);
			}
			browser.click(By.id("switcher-button"));
			browser.find(By.cssSelector("[data-testid='switcher-panel']"));
			assertAccessible(browser, "switcher open");
		}
	}

	private static void assertAccessible(Browser browser, String page) {
		browser.find(By.tagName("h1"));
		Results results = new AxeBuilder().analyze(browser.driver());
		assertThat(results.getPasses()).as("axe ran its rules on " + page).hasSizeGreaterThan(10);
		List<String> serious = results.getViolations()
			.stream()
			.filter((rule) -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
			.map(AccessibilityIT::describe)
			.toList();
		assertThat(serious).as("accessibility violations on " + page).isEmpty();
	}

	private static String describe(Rule rule) {
		return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
				+ rule.getNodes().stream().map((node) -> String.valueOf(node.getTarget())).toList();
	}

}
