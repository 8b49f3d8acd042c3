package com.aventian.portal.browser;

import java.util.UUID;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The members search puts each query in the address (htmx pushes it), so Back goes to the previous query. When
 * htmx's history cache no longer holds that page, htmx 2 asks the server for it with {@code HX-Request} and
 * {@code HX-History-Restore-Request}; the members route must then answer the whole page, not the list it gives an
 * htmx search, or the page would become a bare table (suspected in a review; the htmx library's request condition
 * leaves history restores to the page's handler: its handler mapping does not match a history restore as an htmx request).
 */
@PortalTest
class MembersSearchJourneyIT {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Test
	void backAfterTwoSearchesShowsTheWholePageOfTheFirstEvenWhenTheBrowsersHistoryCacheLostIt() {
		String tag = UUID.randomUUID().toString().substring(0, 6);
		User olivia = this.users.create("Olivia " + tag);
		User alice = this.users.create("Alice " + tag);
		User bruno = this.users.create("Bruno " + tag);
		UUID team = this.users.team("Search " + tag, olivia, alice, "Member", bruno, "Member");

		try (Browser browser = Browser.open(this.port)) {
			browser.signIn(olivia.email(), TestUsers.PASSWORD);
			browser.visit("/teams/" + team + "/members");
			browser.type(By.id("member-search"), "Alice");
			waitForQuery(browser, "Alice");
			browser.type(By.id("member-search"), "Bruno");
			waitForQuery(browser, "Bruno");
			assertThat(browser.find(By.id("members-list")).getText()).contains("Bruno " + tag).doesNotContain("Alice " + tag);

			// the snapshot gone (htmx keeps ten, in the tab's session storage): Back asks the server
			((JavascriptExecutor) browser.driver()).executeScript("sessionStorage.removeItem('htmx-history-cache');");
			browser.driver().navigate().back();

			waitForQuery(browser, "Alice");
			browser.find(By.xpath("//*[@id='members-list']//td[contains(., 'Alice " + tag + "')]"));
			assertThat(browser.find(By.id("members-list")).getText()).doesNotContain("Bruno " + tag);
			assertThat(browser.driver().findElements(By.id("member-search"))).hasSize(1);
			assertThat(browser.driver().findElements(By.tagName("header"))).isNotEmpty();
			assertThat(browser.driver().findElements(By.id("members-list"))).hasSize(1);
		}
	}

	private static void waitForQuery(Browser browser, String query) {
		browser.find(By.xpath("//*[@id='members-list']"));
		new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(15))
			.until((driver) -> driver.getCurrentUrl().endsWith("?q=" + query));
	}

}
