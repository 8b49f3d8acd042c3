package com.aventian.portal.billing;

import java.net.URI;
import java.util.Optional;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;


/**
 * Stripe: the payer goes to a Checkout page for the invoice's amount, and Stripe's webhook reports the
 * payment ({@link StripeWebhooks}). The invoice id travels in the metadata of the session and of its
 * payment intent, so every event about the payment names the invoice.
 */
class StripePayments implements PaymentProvider {

	static final String INVOICE_METADATA = "invoice_id";

	private final StripeClient stripe;

	private final BillingProperties.Stripe settings;

	StripePayments(BillingProperties properties) {
		this.settings = properties.stripe();
		StripeClient.StripeClientBuilder builder = StripeClient.builder()
			.setApiKey(this.settings.apiKey())
			.setConnectTimeout(5_000)
			.setReadTimeout(20_000)
			.setMaxNetworkRetries(2);
		if (this.settings.apiBase() != null && !this.settings.apiBase().isBlank()) {
			builder.setApiBase(this.settings.apiBase());
		}
		this.stripe = builder.build();
	}

	@Override
	public String name() {
		return "STRIPE";
	}

	@Override
	public Optional<URI> checkout(Invoice invoice, String payerEmail, URI returnTo) {
		long due = invoice.totalMinor() - invoice.creditedMinor();
		SessionCreateParams params = SessionCreateParams.builder()
			.setMode(SessionCreateParams.Mode.PAYMENT)
			.setClientReferenceId(invoice.id().toString())
			.setCustomerEmail(payerEmail)
			.putMetadata(INVOICE_METADATA, invoice.id().toString())
			.setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
				.putMetadata(INVOICE_METADATA, invoice.id().toString())
				.build())
			.addLineItem(SessionCreateParams.LineItem.builder()
				.setQuantity(1L)
				.setPriceData(SessionCreateParams.LineItem.PriceData.builder()
					.setCurrency(invoice.currency().toLowerCase(java.util.Locale.ROOT))
					.setUnitAmount(due)
					.setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
						.setName("Invoice " + invoice.numberDisplay())
						.build())
					.build())
				.build())
			.setSuccessUrl(returnTo.toString())
			.setCancelUrl(returnTo.toString())
			.build();
		try {
			Session session = this.stripe.v1().checkout().sessions().create(params);
			return Optional.of(URI.create(session.getUrl()));
		}
		catch (StripeException ex) {
			throw new IllegalStateException("Stripe refused a checkout session for invoice " + invoice.numberDisplay()
					+ ": " + ex.getCode(), ex);
		}
	}

	@Override
	public String instructions() {
		return "Pay by card through Stripe; the invoice shows as paid once Stripe confirms the payment.";
	}

}
