package com.aventian.portal.billing;

import java.util.UUID;

/** A plan form that passed every check, in its stored types. */
record CheckedPlan(UUID productId, String code, String name, String currency, long priceMinor,
		BillingInterval billingInterval, int includedSeats, long extraSeatPriceMinor, int trialDays) {

	boolean sameTermsAs(Plan plan) {
		return this.currency.equals(plan.currency()) && this.priceMinor == plan.priceMinor()
				&& this.billingInterval == plan.billingInterval() && this.includedSeats == plan.includedSeats()
				&& this.extraSeatPriceMinor == plan.extraSeatPriceMinor();
	}

}
