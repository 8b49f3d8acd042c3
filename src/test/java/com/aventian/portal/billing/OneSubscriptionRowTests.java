package com.aventian.portal.billing;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.aventian.portal.MovableClock;
import com.aventian.portal.audit.AuditEvent;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.provisioning.SubscriptionException;
import com.aventian.portal.provisioning.Subscriptions;
import com.aventian.portal.team.MembershipService.Actor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Subscribing on a plan and subscribing to a product are one subscription row: billing opens it through
 * provisioning's one entry point, so a plan's subscription gets its database provisioned like one from the
 * products page, and either way round the team has one row with one provisioning and one billing status.
 */
@BillingTest
class OneSubscriptionRowTests {

	@Autowired
	BillingSubscriptions billing;

	@Autowired
	Subscriptions products;

	@Autowired
	BillingFixtures fixtures;

	@Autowired
	MovableClock clock;

	@Autowired
	Renewals renewals;

	@Autowired
	AuditLog audit;

	@Autowired
	JdbcTemplate jdbc;

	UUID product;

	Plan plan;

	BillingFixtures.Team team;

	@BeforeEach
	void productWithAPlan() {
		this.clock.set(Instant.parse("2027-03-01T10:00:00Z"));
		this.product = this.fixtures.product("One row");
		this.plan = this.fixtures.plan(this.product, "one", "EUR", 1000, BillingInterval.MONTH, 3, 0, 14);
		this.team = this.fixtures.team("One row");
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void subscribingOnAPlanOpensTheRowThroughProvisioningAndTheTeamsDatabaseIsProvisioned() {
		UUID assocId = subscribeOnThePlan();

		assertThat(this.audit.eventsAbout("subscription", assocId.toString())).extracting(AuditEvent::action)
			.startsWith("SUBSCRIBED");
		await().atMost(Duration.ofSeconds(120))
			.until(() -> "ACTIVE".equals(this.products.entry(this.team.id(), this.product).status()));
		assertThat(rows()).isEqualTo(1);
		assertThat(this.billing.statusOf(this.team.id(), this.product)).contains(BillingStatus.TRIALING);
	}

	@Test
	void theProductsPageRefusesTheProductToATeamThatHasItOnAPlan() {
		subscribeOnThePlan();

		assertThatThrownBy(() -> this.products.subscribe(owner(), this.team.id(), this.product))
			.isInstanceOf(SubscriptionException.class)
			.hasMessageContaining("The team already has One row");
		assertThat(rows()).isEqualTo(1);
	}

	@Test
	void aTeamThatHasTheProductSubscribesOnAPlanOnTheSameRow() {
		UUID fromProductsPage = this.products.open(owner(), this.team.id(), this.product).id();

		UUID onThePlan = subscribeOnThePlan();

		assertThat(onThePlan).isEqualTo(fromProductsPage);
		assertThat(rows()).isEqualTo(1);
		assertThat(this.audit.eventsAbout("subscription", onThePlan.toString())).extracting(AuditEvent::action)
			.filteredOn("SUBSCRIBED"::equals)
			.hasSize(1);
	}

	@Test
	void aSubscriptionCancelledAtItsPeriodsEndCancelsTheRowAndSubscribingAgainStartsIt() {
		UUID assocId = subscribeOnThePlan();
		this.billing.cancelAtPeriodEnd(this.team.owner().id(), "owner", this.team.id(), assocId);

		// the 14-day trial ends on March 15th
		this.clock.set(Instant.parse("2027-03-15T00:05:00Z"));
		this.renewals.run();

		assertThat(this.billing.statusOf(this.team.id(), this.product)).contains(BillingStatus.CANCELLED);
		assertThat(rowStatus()).isEqualTo("CANCELLED");
		assertThat(this.audit.eventsAbout("subscription", assocId.toString())).extracting(AuditEvent::action)
			.contains("SUBSCRIPTION_CANCELLED");

		assertThat(subscribeOnThePlan()).isEqualTo(assocId);
		assertThat(rowStatus()).isIn("PROVISIONING", "ACTIVE");
		assertThat(this.billing.statusOf(this.team.id(), this.product)).get().isNotEqualTo(BillingStatus.CANCELLED);
	}

	@Test
	void theProductsPageCannotCancelWhatTheTeamStillPaysForOnAPlanSoBillingNeverInvoicesAProductTheTeamLost() {
		UUID assocId = subscribeOnThePlan();

		assertThatThrownBy(() -> this.products.cancel(owner(), this.team.id(), assocId))
			.isInstanceOf(SubscriptionException.class)
			.hasMessageContaining("billing page");
		assertThat(rowStatus()).isNotEqualTo("CANCELLED");
		assertThat(this.billing.statusOf(this.team.id(), this.product)).contains(BillingStatus.TRIALING);

		// once billing has ended it, the row is cancelled by billing itself
		this.billing.cancelAtPeriodEnd(this.team.owner().id(), "owner", this.team.id(), assocId);
		this.clock.set(Instant.parse("2027-03-15T00:05:00Z"));
		this.renewals.run();
		assertThat(rowStatus()).isEqualTo("CANCELLED");
	}

	private String rowStatus() {
		return this.jdbc.queryForObject("select status from aventian.tbl_team_product_assoc where team_id = ? and product_id = ?",
				String.class, this.team.id(), this.product);
	}

	private UUID subscribeOnThePlan() {
		return this.billing.subscribe(this.team.owner().id(), this.team.owner().email(), this.team.id(),
				this.plan.id().toString(), "3");
	}

	private Actor owner() {
		return new Actor(this.team.owner().id(), this.team.owner().email());
	}

	private int rows() {
		return this.jdbc.queryForObject(
				"select count(*) from aventian.tbl_team_product_assoc where team_id = ? and product_id = ?", Integer.class,
				this.team.id(), this.product);
	}

}
