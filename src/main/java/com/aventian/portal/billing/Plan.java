package com.aventian.portal.billing;

import java.time.Instant;
import java.util.UUID;

/** A version of a product's plan; prices in minor units of {@code currency}. */
public record Plan(UUID id, UUID productId, String productName, String code, int version, String name, String currency,
		long priceMinor, BillingInterval billingInterval, int includedSeats, long extraSeatPriceMinor, int trialDays,
		boolean offered, Instant createdAt, int subscriptions) {

	Money price() {
		return new Money(this.priceMinor, this.currency);
	}

	Money extraSeatPrice() {
		return new Money(this.extraSeatPriceMinor, this.currency);
	}

	int extraSeats(int seats) {
		return Math.max(0, seats - this.includedSeats);
	}

	/** What one period costs with that many seats. */
	Money recurring(int seats) {
		return price().plus(extraSeatPrice().times(extraSeats(seats)));
	}

	public String priceDisplay() {
		return price().display();
	}

	public String extraSeatPriceDisplay() {
		return extraSeatPrice().display();
	}

}
