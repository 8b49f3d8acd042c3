package com.aventian.portal.billing;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.aventian.portal.audit.AuditEntry;
import com.aventian.portal.audit.AuditLog;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies Stripe's webhook events. The signature is checked by Stripe's library on the body exactly as
 * received (a re-serialised body fails), with its 300 s tolerance against the injected clock. The event id
 * is claimed by an insert in the same transaction as the effect, so however many deliveries arrive, at once
 * or later, one applies it. Events are applied so that any order converges: a payment is recorded once per
 * payment intent (both {@code checkout.session.completed} and {@code payment_intent.succeeded} name it), and
 * a failure reported after the payment changes nothing.
 */
@Service
class StripeWebhooks {

	static final long TOLERANCE_SECONDS = 300;

	private static final Logger log = LoggerFactory.getLogger(StripeWebhooks.class);

	private final PaymentMapper events;

	private final Payments payments;

	private final InvoiceMapper invoices;

	private final BillingMail mail;

	private final AuditLog audit;

	private final JsonMapper json;

	private final BillingProperties properties;

	private final Clock clock;

	StripeWebhooks(PaymentMapper events, Payments payments, InvoiceMapper invoices, BillingMail mail, AuditLog audit,
			JsonMapper json, BillingProperties properties, Clock clock) {
		this.events = events;
		this.payments = payments;
		this.invoices = invoices;
		this.mail = mail;
		this.audit = audit;
		this.json = json;
		this.properties = properties;
		this.clock = clock;
	}

	boolean enabled() {
		return this.properties.stripe().enabled();
	}

	/** Verifies the delivery; throws {@link SignatureVerificationException} for anything Stripe did not sign. */
	Event verify(String rawBody, String signatureHeader) throws SignatureVerificationException {
		if (signatureHeader == null || signatureHeader.isBlank()) {
			throw new SignatureVerificationException("No Stripe-Signature header", signatureHeader);
		}
		return Webhook.constructEvent(rawBody, signatureHeader, this.properties.stripe().webhookSecret(),
				TOLERANCE_SECONDS, this.clock);
	}

	/** Applies a verified event once; returns whether this delivery applied it. */
	@Transactional
	boolean apply(Event event, String rawBody) {
		Instant created = Instant.ofEpochSecond(event.getCreated());
		if (this.events.insertPaymentEvent("STRIPE", event.getId(), event.getType(), created, this.clock.instant()) == 0) {
			return false;
		}
		JsonNode object = this.json.readTree(rawBody).path("data").path("object");
		UUID invoiceId = invoiceOf(object);
		if (invoiceId == null) {
			return true;
		}
		switch (event.getType()) {
			case "checkout.session.completed" -> {
				if ("paid".equals(object.path("payment_status").asString(""))) {
					pay(invoiceId, reference(object.path("payment_intent").asString(""), object.path("id").asString("")),
							object.path("amount_total").asLong(-1), object.path("currency").asString(""), event);
				}
			}
			case "payment_intent.succeeded" -> pay(invoiceId, reference(object.path("id").asString(""), ""),
					object.path("amount_received").asLong(-1), object.path("currency").asString(""), event);
			case "payment_intent.payment_failed" -> failed(invoiceId, event);
			default -> {
				// other events are acknowledged (and their id kept) without effect
			}
		}
		return true;
	}

	private void pay(UUID invoiceId, String reference, long amount, String currency, Event event) {
		if (this.invoices.findInvoiceById(invoiceId).isEmpty()) {
			log.warn("Stripe event {} names an unknown invoice", event.getId());
			return;
		}
		try {
			this.payments.record(invoiceId, "STRIPE", reference, amount, currency, null, "stripe");
		}
		catch (BillingInputException ex) {
			// money Stripe took for an invoice that is paid or void: kept for a person to refund, never retried
			Invoice invoice = this.invoices.findInvoiceById(invoiceId).orElseThrow();
			this.audit.record(new AuditEntry(null, "stripe", "PAYMENT_NOT_APPLIED", "invoice", invoiceId.toString(),
					invoice.teamId(), null, Map.of("event", event.getId(), "reference", reference, "why", ex.getMessage())));
		}
	}

	private void failed(UUID invoiceId, Event event) {
		this.invoices.findInvoiceById(invoiceId).filter(Invoice::isOpen).ifPresent((invoice) -> {
			this.audit.record(new AuditEntry(null, "stripe", "PAYMENT_FAILED", "invoice", invoiceId.toString(),
					invoice.teamId(), null, Map.of("event", event.getId(), "number", invoice.numberDisplay())));
			this.mail.paymentFailed(invoice);
		});
	}

	private static String reference(String paymentIntent, String fallback) {
		return "stripe:" + (paymentIntent.isEmpty() ? fallback : paymentIntent);
	}

	private static UUID invoiceOf(JsonNode object) {
		try {
			return UUID.fromString(object.path("metadata").path(StripePayments.INVOICE_METADATA).asString(""));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
