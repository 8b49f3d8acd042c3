package com.aventian.portal.billing;

/** Where a subscription stands for billing; provisioning has its own status on the subscription row. */
public enum BillingStatus {

	TRIALING, ACTIVE, PAST_DUE, SUSPENDED, CANCELLED;

	/** Whether the team may still use the product (a product refuses a suspended or cancelled team). */
	public boolean inGoodStanding() {
		return this == TRIALING || this == ACTIVE || this == PAST_DUE;
	}

}
