package com.aventian.portal.billing;

/**
 * A plan as typed on the admin page. Amounts stay text until checked: "12.5" or "-3" are refused with a
 * message, never rounded or parsed as floating point.
 */
public record PlanForm(String productId, String code, String name, String currency, String price, String interval,
		String includedSeats, String extraSeatPrice, String trialDays) {

	static PlanForm empty() {
		return new PlanForm("", "", "", "EUR", "", "MONTH", "1", "0", "0");
	}

	static PlanForm of(Plan plan) {
		return new PlanForm(plan.productId().toString(), plan.code(), plan.name(), plan.currency(),
				Long.toString(plan.priceMinor()), plan.billingInterval().name(), Integer.toString(plan.includedSeats()),
				Long.toString(plan.extraSeatPriceMinor()), Integer.toString(plan.trialDays()));
	}

}
