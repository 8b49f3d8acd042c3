package com.aventian.portal.billing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code aventian.billing.*}: when the renewal job runs (cron in UTC), how long after its issue an unpaid
 * invoice makes its subscription past due and then suspended, and Stripe's keys (empty: Stripe is off and
 * payments are recorded by a platform admin).
 */
@ConfigurationProperties("aventian.billing")
record BillingProperties(String renewalCron, Duration pastDueAfter, Duration suspendAfter, Stripe stripe) {

	BillingProperties {
		if (suspendAfter.compareTo(pastDueAfter) <= 0) {
			throw new IllegalArgumentException("aventian.billing.suspend-after must be later than past-due-after");
		}
	}

	/** The webhook signing secret ({@code whsec_...}), the API key, and the API's address (tests point it home). */
	record Stripe(String webhookSecret, String apiKey, String apiBase) {

		boolean enabled() {
			return this.webhookSecret != null && !this.webhookSecret.isBlank();
		}

		@Override
		public String toString() {
			// never the secret nor the key
			return "Stripe[enabled=" + enabled() + ", apiBase=" + this.apiBase + "]";
		}

	}

}
