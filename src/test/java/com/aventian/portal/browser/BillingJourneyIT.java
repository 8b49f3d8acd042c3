package com.aventian.portal.browser;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import com.aventian.portal.MovableClock;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.billing.BillingFixtures;
import com.aventian.portal.billing.BillingInterval;
import com.aventian.portal.billing.BillingTest;
import com.aventian.portal.billing.Plan;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A billing manager's journey, with the portal's clock moved by the test and the renewal job (the durable
 * recurring job) made due at once after each move: a trial, its first invoice, an upgrade mid-period with
 * its prorated invoice, cancelling at the period's end.
 */
@BillingTest
@TestPropertySource(properties = { "aventian.billing.past-due-after=30d", "aventian.billing.suspend-after=60d" })
class BillingJourneyIT {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	BillingFixtures fixtures;

	@Autowired
	MovableClock clock;

	@Autowired
	Scheduler scheduler;

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void aBillingManagerSubscribesWithATrialGetsTheFirstInvoiceUpgradesMidPeriodAndCancelsAtPeriodEnd() {
		// given a product with a starter plan (14-day trial) and a pro plan, and a team whose billing manager signs in
		this.clock.set(Instant.parse("2027-03-01T10:00:00Z"));
		UUID product = this.fixtures.product("Journey CRM " + UUID.randomUUID().toString().substring(0, 4));
		Plan starter = this.fixtures.plan(product, "starter", "EUR", 1000, BillingInterval.MONTH, 3, 200, 14);
		Plan pro = this.fixtures.plan(product, "pro", "EUR", 3000, BillingInterval.MONTH, 3, 500, 0);
		User owner = this.users.create("Olga Owner");
		User manager = this.users.create("Bill Manager");
		this.users.team("Journey " + UUID.randomUUID().toString().substring(0, 6), owner, manager, "Billing manager");

		try (Browser browser = Browser.open(this.port)) {
			browser.signIn(manager.email(), TestUsers.PASSWORD);
			browser.click(By.linkText("Billing"));
			browser.find(By.id("subscribe-plan"));
			assertThat(browser.byTestId("no-subscriptions").getText()).contains("no product yet");

			// when they subscribe on the starter plan for three seats
			new Select(browser.find(By.id("subscribe-plan"))).selectByValue(starter.id().toString());
			browser.type(By.id("subscribe-seats"), "3");
			browser.clickButton("Subscribe");

			// then the trial runs and nothing is billed
			browser.waitForPageText("The team is subscribed.");
			assertThat(browser.byTestId("subscription-status").getText()).isEqualTo("TRIALING");
			assertThat(browser.byTestId("subscription-seats").getText()).isEqualTo("2 used of 3 paid");
			assertThat(browser.byTestId("no-invoices").isDisplayed()).isTrue();

			// when the clock moves past the trial, the renewal job bills the first month
			this.clock.set(Instant.parse("2027-03-15T00:00:30Z"));
			reloadUntilTheJobRan(browser, () -> rows(browser).size() == 1);
			assertThat(browser.byTestId("subscription-status").getText()).isEqualTo("ACTIVE");
			assertThat(rows(browser).get(0).findElement(By.cssSelector("[data-testid='invoice-total']")).getText())
				.isEqualTo("10.00 EUR");
			rows(browser).get(0).findElement(By.tagName("a")).click();
			browser.waitForText("invoice-title", "Invoice AVN-");
			assertThat(browser.byTestId("invoice-total").getText()).isEqualTo("10.00 EUR");
			assertThat(browser.byTestId("invoice-download").getAttribute("href")).contains("download=html");
			browser.click(By.linkText("Back to billing"));

			// when they upgrade to pro half-way through the period (16 of 31 days left)
			this.clock.set(Instant.parse("2027-03-30T10:00:00Z"));
			browser.visit(browser.path());
			new Select(browser.find(By.cssSelector("[data-testid='change-plan']"))).selectByValue(pro.id().toString());
			browser.clickButton("Change plan");

			// then a prorated invoice credits the unused starter days and charges the pro days
			browser.waitForPageText("The plan is changed.");
			assertThat(browser.byTestId("subscription-plan").getText()).startsWith("PRO");
			assertThat(rows(browser)).hasSize(2);
			WebElement proration = rows(browser).get(0);
			assertThat(proration.findElement(By.cssSelector("[data-testid='invoice-total']")).getText()).isEqualTo("10.32 EUR");
			proration.findElement(By.tagName("a")).click();
			browser.waitForText("invoice-title", "Invoice AVN-");
			assertThat(browser.driver().findElements(By.cssSelector("[data-testid='line-amount']")))
				.extracting(WebElement::getText)
				.containsExactly("-5.16 EUR", "15.48 EUR");
			assertThat(browser.pageText()).contains("Unused time on STARTER (16 of 31 days)")
				.contains("Remaining time on PRO (16 of 31 days)");
			browser.click(By.linkText("Back to billing"));

			// when they cancel at the period's end
			browser.clickButton("Cancel at period end");
			browser.waitForPageText("The subscription ends with the current period.");
			assertThat(browser.pageText()).contains("Ends on");
			assertThat(browser.driver().findElements(By.xpath("//button[normalize-space()='Resume']"))).hasSize(1);

			// then the subscription ends when the period does, with no further invoice
			this.clock.set(Instant.parse("2027-04-15T00:00:30Z"));
			reloadUntilTheJobRan(browser, () -> browser.byTestId("subscription-status").getText().equals("CANCELLED"));
			assertThat(rows(browser)).hasSize(2);
		}
	}

	private static List<WebElement> rows(Browser browser) {
		return browser.driver().findElements(By.cssSelector("[data-testid='invoice-row']"));
	}

	/**
	 * Makes the renewal job's execution due now and reloads the page until it shows the job's work. Other
	 * test contexts' schedulers share the jobs table (with an unmoved clock), so the job is made due again
	 * until this portal's scheduler has run it.
	 */
	private void reloadUntilTheJobRan(Browser browser, Supplier<Boolean> condition) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		String path = browser.path();
		while (Instant.now().isBefore(deadline)) {
			try {
				this.scheduler.reschedule(TaskInstanceId.of("billing-renewal", RecurringTask.INSTANCE), Instant.now());
				this.scheduler.triggerCheckForDueExecutions();
			}
			catch (RuntimeException running) {
				// picked by an instance right now: look at the page, then make it due again
			}
			browser.visit(path);
			browser.find(By.cssSelector("h1"));
			if (condition.get()) {
				return;
			}
			try {
				Thread.sleep(1_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		fail("The renewal job did not show its work within 60 s at " + path);
	}

}
