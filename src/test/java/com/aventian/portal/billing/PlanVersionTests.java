package com.aventian.portal.billing;

import java.time.Instant;
import java.util.UUID;

import com.aventian.portal.MovableClock;
import com.aventian.portal.audit.AuditLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** A plan with subscriptions never changes its price: new terms are its next version. */
@BillingTest
class PlanVersionTests {

	@Autowired
	Plans plans;

	@Autowired
	BillingSubscriptions subscriptions;

	@Autowired
	Invoices invoices;

	@Autowired
	Renewals renewals;

	@Autowired
	BillingFixtures fixtures;

	@Autowired
	AuditLog audit;

	@Autowired
	MovableClock clock;

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void aPlanNobodyIsOnChangesInPlace() {
		Plan plan = this.fixtures.plan(this.fixtures.product("Versions"), "fresh", "EUR", 1000, BillingInterval.MONTH, 1, 0, 0);

		Plan saved = this.plans.revise(null, "admin", plan.id(), terms(plan, "1500"));

		assertThat(saved.id()).isEqualTo(plan.id());
		assertThat(saved.version()).isEqualTo(1);
		assertThat(saved.priceMinor()).isEqualTo(1500);
	}

	@Test
	void aPlanWithSubscriptionsGetsANewVersionAndItsSubscriptionsKeepTheirs() {
		this.clock.set(Instant.parse("2027-05-01T10:00:00Z"));
		Plan v1 = this.fixtures.plan(this.fixtures.product("Versions"), "kept", "EUR", 1000, BillingInterval.MONTH, 1, 0, 0);
		BillingFixtures.Team team = this.fixtures.team("Versions");
		UUID subscription = this.subscriptions.subscribe(team.owner().id(), "owner", team.id(), v1.id().toString(), "1");

		Plan v2 = this.plans.revise(null, "admin", v1.id(), terms(v1, "1500"));

		assertThat(v2.id()).isNotEqualTo(v1.id());
		assertThat(v2.version()).isEqualTo(2);
		assertThat(v2.priceMinor()).isEqualTo(1500);
		assertThat(this.plans.plan(v1.id()).priceMinor()).isEqualTo(1000);
		assertThat(this.plans.plan(v1.id()).offered()).isFalse();
		assertThat(this.plans.offered()).extracting(Plan::id).contains(v2.id()).doesNotContain(v1.id());
		assertThat(this.audit.eventsAbout("plan", v2.id().toString())).extracting("action").containsExactly("PLAN_VERSION_CREATED");

		// the subscription renews on its own version's price
		this.clock.set(Instant.parse("2027-06-01T00:00:01Z"));
		this.renewals.run();
		assertThat(this.subscriptions.ofTeam(team.id()).get(0).planId()).isEqualTo(v1.id());
		assertThat(this.invoices.ofTeam(team.id()).get(0).totalMinor()).isEqualTo(1000);
		assertThat(subscription).isNotNull();
	}

	private static PlanForm terms(Plan plan, String price) {
		return new PlanForm(plan.productId().toString(), plan.code(), plan.name(), plan.currency(), price,
				plan.billingInterval().name(), Integer.toString(plan.includedSeats()),
				Long.toString(plan.extraSeatPriceMinor()), Integer.toString(plan.trialDays()));
	}

}
