package com.aventian.portal.billing;

import java.time.Instant;
import java.util.UUID;

/** The billing side of a team's subscription to a product (one row of {@code tbl_subscription_billing}). */
record Subscription(UUID assocId, UUID teamId, UUID productId, UUID planId, BillingStatus status, int seats,
		Instant periodStart, Instant periodEnd, boolean trial, boolean cancelAtPeriodEnd, UUID nextPlanId,
		Integer nextSeats, Instant cancelledAt, int version) {

	Subscription withStatus(BillingStatus next) {
		return new Subscription(this.assocId, this.teamId, this.productId, this.planId, next, this.seats, this.periodStart,
				this.periodEnd, this.trial, this.cancelAtPeriodEnd, this.nextPlanId, this.nextSeats,
				(next == BillingStatus.CANCELLED) ? this.periodEnd : this.cancelledAt, this.version);
	}

	/** On another plan now: a plan change scheduled for the period's end is superseded, a seat reduction is not. */
	Subscription withPlan(UUID plan, int newSeats) {
		return new Subscription(this.assocId, this.teamId, this.productId, plan, this.status, newSeats, this.periodStart,
				this.periodEnd, this.trial, this.cancelAtPeriodEnd, null, this.nextSeats, this.cancelledAt, this.version);
	}

	Subscription withPeriod(Instant start, Instant end, boolean isTrial) {
		return new Subscription(this.assocId, this.teamId, this.productId, this.planId, this.status, this.seats, start, end,
				isTrial, this.cancelAtPeriodEnd, this.nextPlanId, this.nextSeats, this.cancelledAt, this.version);
	}

	Subscription withPending(UUID plan, Integer pendingSeats) {
		return new Subscription(this.assocId, this.teamId, this.productId, this.planId, this.status, this.seats,
				this.periodStart, this.periodEnd, this.trial, this.cancelAtPeriodEnd, plan, pendingSeats, this.cancelledAt,
				this.version);
	}

	Subscription withCancelAtPeriodEnd(boolean cancel) {
		return new Subscription(this.assocId, this.teamId, this.productId, this.planId, this.status, this.seats,
				this.periodStart, this.periodEnd, this.trial, cancel, this.nextPlanId, this.nextSeats, this.cancelledAt,
				this.version);
	}

}
