package com.aventian.portal.billing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.aventian.portal.MovableClock;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A billing manager's changes, priced in whole days of the period (team in UTC), EUR in cents. */
@BillingTest
class SubscriptionChangesTests {

	@Autowired
	BillingSubscriptions subscriptions;

	@Autowired
	Invoices invoices;

	@Autowired
	Renewals renewals;

	@Autowired
	Payments payments;

	@Autowired
	BillingFixtures fixtures;

	@Autowired
	MovableClock clock;

	@Autowired
	TestUsers users;

	@Autowired
	JdbcTemplate jdbc;

	UUID product;

	Plan basic;

	Plan pro;

	Plan yearly;

	BillingFixtures.Team team;

	@BeforeEach
	void plans() {
		this.clock.set(Instant.parse("2027-03-01T10:00:00Z"));
		this.product = this.fixtures.product("Changes");
		this.basic = this.fixtures.plan(this.product, "basic", "EUR", 1000, BillingInterval.MONTH, 3, 200, 0);
		this.pro = this.fixtures.plan(this.product, "pro", "EUR", 3000, BillingInterval.MONTH, 3, 500, 0);
		this.yearly = this.fixtures.plan(this.product, "yearly", "EUR", 30000, BillingInterval.YEAR, 3, 200, 0);
		this.team = this.fixtures.team("Changes");
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void subscribingWithoutATrialIssuesTheFirstPeriodsInvoiceAtOnce() {
		UUID subscription = subscribe(this.basic, "4");

		SubscriptionView view = only();
		assertThat(view.status()).isEqualTo(BillingStatus.ACTIVE);
		assertThat(view.periodEnd()).isEqualTo(Instant.parse("2027-04-01T00:00:00Z"));
		Invoice first = latestInvoice();
		assertThat(first.assocId()).isEqualTo(subscription);
		assertThat(first.reason()).isEqualTo("SUBSCRIBED");
		assertThat(amounts(first)).containsExactly(1000L, 200L);
		assertThat(first.totalMinor()).isEqualTo(1200);
	}

	@Test
	void anUpgradeMidPeriodCreditsTheOldPriceAndChargesTheNewForTheUnusedDays() {
		UUID subscription = subscribe(this.basic, "3");
		this.clock.set(Instant.parse("2027-03-16T10:00:00Z"));

		this.subscriptions.changePlan(this.team.owner().id(), "owner", this.team.id(), subscription, this.pro.id().toString());

		Invoice proration = latestInvoice();
		assertThat(proration.reason()).isEqualTo("PRORATION");
		// 16 of March's 31 days unused: -1000 x 16/31 = -516.13, 3000 x 16/31 = 1548.39
		assertThat(amounts(proration)).containsExactly(-516L, 1548L);
		assertThat(proration.totalMinor()).isEqualTo(1032);
		assertThat(this.invoices.lines(proration.id()).get(0).description()).contains("16 of 31 days");
		assertThat(only().planId()).isEqualTo(this.pro.id());
		assertThat(only().periodEnd()).isEqualTo(Instant.parse("2027-04-01T00:00:00Z"));
	}

	@Test
	void anUpgradeFromMonthlyToYearlyStartsAYearTodayLessTheUnusedMonth() {
		UUID subscription = subscribe(this.basic, "3");
		this.clock.set(Instant.parse("2027-03-16T10:00:00Z"));

		this.subscriptions.changePlan(this.team.owner().id(), "owner", this.team.id(), subscription, this.yearly.id().toString());

		Invoice proration = latestInvoice();
		assertThat(amounts(proration)).containsExactly(30000L, -516L);
		assertThat(proration.totalMinor()).isEqualTo(29484);
		assertThat(only().periodEnd()).isEqualTo(Instant.parse("2028-03-16T00:00:00Z"));
	}

	@Test
	void aDowngradeWaitsForThePeriodsEndAndGivesNoCredit() {
		UUID subscription = subscribe(this.pro, "3");
		int invoicesBefore = this.invoices.ofTeam(this.team.id()).size();
		this.clock.set(Instant.parse("2027-03-10T10:00:00Z"));

		this.subscriptions.changePlan(this.team.owner().id(), "owner", this.team.id(), subscription, this.basic.id().toString());

		assertThat(this.invoices.ofTeam(this.team.id())).hasSize(invoicesBefore);
		assertThat(only().planId()).isEqualTo(this.pro.id());
		assertThat(only().nextPlanName()).isEqualTo("BASIC");
		assertThat(only().nextAmountMinor()).isEqualTo(1000);

		this.clock.set(Instant.parse("2027-04-01T00:00:01Z"));
		this.renewals.run();

		assertThat(only().planId()).isEqualTo(this.basic.id());
		Invoice renewal = latestInvoice();
		assertThat(renewal.reason()).isEqualTo("RENEWAL");
		assertThat(renewal.totalMinor()).isEqualTo(1000);
		assertThat(renewal.periodStart()).isEqualTo(Instant.parse("2027-04-01T00:00:00Z"));
	}

	@Test
	void anUpgradeKeepsASeatReductionScheduledForThePeriodsEnd() {
		UUID subscription = subscribe(this.basic, "5");
		this.clock.set(Instant.parse("2027-03-10T10:00:00Z"));
		this.subscriptions.changeSeats(this.team.owner().id(), "owner", this.team.id(), subscription, "3");
		this.clock.set(Instant.parse("2027-03-16T10:00:00Z"));

		this.subscriptions.changePlan(this.team.owner().id(), "owner", this.team.id(), subscription, this.pro.id().toString());

		assertThat(only().seats()).isEqualTo(5);
		assertThat(only().nextSeats()).isEqualTo(3);
		this.clock.set(Instant.parse("2027-04-01T00:00:01Z"));
		this.renewals.run();
		assertThat(only().seats()).isEqualTo(3);
		assertThat(amounts(latestInvoice())).containsExactly(3000L);
	}

	@Test
	void aSubscriptionWhoseRenewalFailsIsLoggedAndSkippedWithoutStoppingTheOthers() {
		// given a team on a plan of former terms no period can be billed at (its arithmetic overflows), due first
		BillingFixtures.Team broken = this.fixtures.team("Broken");
		Plan old = this.fixtures.plan(this.product, "old", "EUR", 1000, BillingInterval.MONTH, 1, 100, 0);
		this.subscriptions.subscribe(broken.owner().id(), "owner", broken.id(), old.id().toString(), "4");
		this.jdbc.update("update aventian.tbl_plans set extra_seat_price_minor = ? where id = ?", Long.MAX_VALUE / 2, old.id());
		// and, due a day later, a team on an ordinary plan
		this.clock.set(Instant.parse("2027-03-02T10:00:00Z"));
		subscribe(this.basic, "3");
		Instant periodEnd = only().periodEnd();

		this.clock.set(periodEnd.plusSeconds(1));
		this.renewals.run();

		// then the ordinary team's period is renewed and billed all the same
		assertThat(only().periodEnd()).isAfter(periodEnd);
		assertThat(latestInvoice().reason()).isEqualTo("RENEWAL");
	}

	@Test
	void addedSeatsAreProratedAndRemovedSeatsWaitForThePeriodsEnd() {
		UUID subscription = subscribe(this.basic, "3");
		this.clock.set(Instant.parse("2027-03-16T10:00:00Z"));

		this.subscriptions.changeSeats(this.team.owner().id(), "owner", this.team.id(), subscription, "5");

		Invoice seats = latestInvoice();
		// two extra seats of 200 for 16 of 31 days: 400 x 16/31 = 206.45
		assertThat(this.invoices.lines(seats.id())).singleElement().satisfies((line) -> {
			assertThat(line.quantity()).isEqualTo(2);
			assertThat(line.amountMinor()).isEqualTo(206);
		});
		assertThat(only().seats()).isEqualTo(5);

		this.subscriptions.changeSeats(this.team.owner().id(), "owner", this.team.id(), subscription, "4");
		assertThat(latestInvoice().id()).isEqualTo(seats.id());
		assertThat(only().seats()).isEqualTo(5);
		assertThat(only().nextSeats()).isEqualTo(4);

		this.clock.set(Instant.parse("2027-04-01T00:00:01Z"));
		this.renewals.run();
		assertThat(only().seats()).isEqualTo(4);
		assertThat(amounts(latestInvoice())).containsExactly(1000L, 200L);
	}

	@Test
	void twoManagersSubscribingAtOnceGetOneSubscriptionAndTheOtherIsTold() throws Exception {
		java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
		List<java.util.concurrent.Future<String>> outcomes = new java.util.ArrayList<>();
		try {
			for (int i = 0; i < 2; i++) {
				outcomes.add(pool.submit(() -> {
					start.await();
					try {
						subscribe(this.basic, "3");
						return "subscribed";
					}
					catch (BillingInputException ex) {
						return ex.getMessage();
					}
				}));
			}
			start.countDown();
			assertThat(List.of(outcomes.get(0).get(), outcomes.get(1).get())).containsExactlyInAnyOrder("subscribed",
					"The team already subscribes to Changes: change its plan instead.");
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.invoices.ofTeam(this.team.id())).hasSize(1);
		only();
	}

	@Test
	void fewerPaidSeatsThanMembersAreRefusedWithTheReason() {
		User member = this.users.create("Seat Member");
		this.jdbc.update("insert into aventian.tbl_memberships (team_id, user_id) values (?, ?)", this.team.id(), member.id());
		UUID subscription = subscribe(this.basic, "2");

		assertThatThrownBy(() -> this.subscriptions.changeSeats(this.team.owner().id(), "owner", this.team.id(), subscription, "1"))
			.isInstanceOf(BillingInputException.class)
			.hasMessageContaining("The team has 2 members");
		assertThat(only().seats()).isEqualTo(2);
		assertThat(only().nextSeats()).isNull();
	}

	@Test
	void aTrialBillsNothingAndItsEndBillsTheFirstPeriod() {
		Plan trial = this.fixtures.plan(this.product, "trial", "EUR", 2000, BillingInterval.MONTH, 3, 0, 14);
		subscribe(trial, "3");
		assertThat(only().status()).isEqualTo(BillingStatus.TRIALING);
		assertThat(only().periodEnd()).isEqualTo(Instant.parse("2027-03-15T00:00:00Z"));
		assertThat(this.invoices.ofTeam(this.team.id())).isEmpty();

		this.clock.set(Instant.parse("2027-03-15T00:00:01Z"));
		this.renewals.run();

		assertThat(only().status()).isEqualTo(BillingStatus.ACTIVE);
		Invoice first = latestInvoice();
		assertThat(first.totalMinor()).isEqualTo(2000);
		assertThat(first.periodStart()).isEqualTo(Instant.parse("2027-03-15T00:00:00Z"));
		assertThat(first.periodEnd()).isEqualTo(Instant.parse("2027-04-15T00:00:00Z"));
	}

	@Test
	void cancellingEndsTheSubscriptionAtThePeriodsEndAndResumingKeepsIt() {
		UUID subscription = subscribe(this.basic, "3");
		this.subscriptions.cancelAtPeriodEnd(this.team.owner().id(), "owner", this.team.id(), subscription);
		this.subscriptions.resume(this.team.owner().id(), "owner", this.team.id(), subscription);
		this.subscriptions.cancelAtPeriodEnd(this.team.owner().id(), "owner", this.team.id(), subscription);
		int invoicesBefore = this.invoices.ofTeam(this.team.id()).size();
		this.payments.recordManual(null, "admin", latestInvoice().id(), "1000", "BANK-CANCEL");

		this.clock.set(Instant.parse("2027-03-31T23:59:00Z"));
		this.renewals.run();
		assertThat(only().status()).isEqualTo(BillingStatus.ACTIVE);

		this.clock.set(Instant.parse("2027-04-01T00:00:01Z"));
		this.renewals.run();
		assertThat(only().status()).isEqualTo(BillingStatus.CANCELLED);
		assertThat(this.invoices.ofTeam(this.team.id())).hasSize(invoicesBefore);
		assertThat(this.subscriptions.statusOf(this.team.id(), this.product)).contains(BillingStatus.CANCELLED);
	}

	@Test
	void cancellingATrialAndSubscribingAgainStartsNoSecondTrial() {
		// given a trial cancelled at its end, so the team never paid
		Plan trial = this.fixtures.plan(this.product, "again", "EUR", 2000, BillingInterval.MONTH, 3, 0, 14);
		UUID subscription = subscribe(trial, "3");
		this.subscriptions.cancelAtPeriodEnd(this.team.owner().id(), "owner", this.team.id(), subscription);
		this.clock.set(Instant.parse("2027-03-15T00:00:01Z"));
		this.renewals.run();
		assertThat(only().status()).isEqualTo(BillingStatus.CANCELLED);
		assertThat(this.invoices.ofTeam(this.team.id())).isEmpty();

		// when the team subscribes again on the same plan
		subscribe(trial, "3");

		// then it pays from today: the trial was used
		assertThat(only().status()).isEqualTo(BillingStatus.ACTIVE);
		assertThat(only().trial()).isFalse();
		assertThat(latestInvoice().totalMinor()).isEqualTo(2000);
	}

	@Test
	void aLongerIntervalThatCostsLessThanTheUnusedTimeWaitsForThePeriodsEndInsteadOfANegativeInvoice() {
		// given a dear monthly plan, paid, and a yearly plan that costs less than a month of it
		Plan dear = this.fixtures.plan(this.product, "dear", "EUR", 100000, BillingInterval.MONTH, 3, 0, 0);
		Plan cheapYear = this.fixtures.plan(this.product, "cheapyear", "EUR", 50000, BillingInterval.YEAR, 3, 0, 0);
		UUID subscription = subscribe(dear, "3");
		int invoicesBefore = this.invoices.ofTeam(this.team.id()).size();

		// when the team switches to the yearly plan on the second day of the month
		this.clock.set(Instant.parse("2027-03-02T10:00:00Z"));
		this.subscriptions.changePlan(this.team.owner().id(), "owner", this.team.id(), subscription, cheapYear.id().toString());

		// then it is accepted without an invoice of a negative total (which the database refuses, so the change
		// used to fail with a server error): it waits for the period's end, like any change lowering the price
		assertThat(this.invoices.ofTeam(this.team.id())).hasSize(invoicesBefore)
			.allSatisfy((invoice) -> assertThat(invoice.totalMinor()).isNotNegative());
		assertThat(only().planId()).isEqualTo(dear.id());
		assertThat(only().nextPlanName()).isEqualTo(cheapYear.name());
	}

	private UUID subscribe(Plan plan, String seats) {
		return this.subscriptions.subscribe(this.team.owner().id(), "owner", this.team.id(), plan.id().toString(), seats);
	}

	private SubscriptionView only() {
		List<SubscriptionView> views = this.subscriptions.ofTeam(this.team.id());
		assertThat(views).hasSize(1);
		return views.get(0);
	}

	private Invoice latestInvoice() {
		return this.invoices.ofTeam(this.team.id()).get(0);
	}

	private List<Long> amounts(Invoice invoice) {
		return this.invoices.lines(invoice.id()).stream().map(InvoiceLine::amountMinor).toList();
	}

}
