package com.aventian.portal.billing;

import java.util.UUID;

import com.stripe.net.Webhook;

/** Stripe's webhook events as Stripe writes and signs them (with {@link BillingTest#WEBHOOK_SECRET}), for tests of any package. */
public final class StripeEvents {

	private StripeEvents() {
	}

	public static String eventId() {
		return "evt_" + UUID.randomUUID().toString().replace("-", "");
	}

	public static String paymentSucceeded(String eventId, String intent, UUID invoiceId, long amount, long created) {
		return """
				{"id":"%s","object":"event","created":%d,"type":"payment_intent.succeeded","livemode":false,\
				"data":{"object":{"id":"%s","object":"payment_intent","amount_received":%d,"currency":"eur",\
				"metadata":{"invoice_id":"%s"}}}}"""
			.formatted(eventId, created, intent, amount, invoiceId);
	}

	public static String paymentFailed(String eventId, UUID invoiceId, long created) {
		return """
				{"id":"%s","object":"event","created":%d,"type":"payment_intent.payment_failed","livemode":false,\
				"data":{"object":{"id":"pi_failed_%s","object":"payment_intent","amount_received":0,"currency":"eur",\
				"metadata":{"invoice_id":"%s"}}}}"""
			.formatted(eventId, created, UUID.randomUUID(), invoiceId);
	}

	/** The Stripe-Signature header as Stripe writes it: {@code t=<seconds>,v1=<HMAC-SHA256 of "t.payload">}. */
	public static String signed(String payload, long timestamp) throws Exception {
		return "t=" + timestamp + ",v1=" + Webhook.Util.computeHmacSha256(BillingTest.WEBHOOK_SECRET, timestamp + "." + payload);
	}

}
