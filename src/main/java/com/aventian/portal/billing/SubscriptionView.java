package com.aventian.portal.billing;

import java.time.Instant;
import java.util.UUID;

/** A row of the billing page: a subscription with its plan, seats used and what the next renewal costs. */
public record SubscriptionView(UUID assocId, UUID productId, String productName, UUID planId, String planName,
		String planCode, int planVersion, String currency, BillingStatus status, int seats, int seatsUsed,
		Instant periodEnd, boolean trial, boolean cancelAtPeriodEnd, String nextPlanName, Integer nextSeats,
		long nextAmountMinor) {

	public String nextAmountDisplay() {
		return new Money(this.nextAmountMinor, this.currency).display();
	}

}
