package com.aventian.portal.billing;

import java.net.URI;
import java.util.Optional;

/**
 * A way for a team to pay an invoice. The manual provider takes no payment online (a platform admin records
 * the transfer); Stripe sends the payer to a Checkout page and reports the payment by webhook. Either way
 * the payment lands in {@link Payments#record}, once.
 */
public interface PaymentProvider {

	/** {@code MANUAL} or {@code STRIPE}, as stored with each payment. */
	String name();

	/**
	 * Where the payer goes to pay this open invoice online, if this provider takes payments online; the
	 * payer comes back to {@code returnTo} whether they paid or not.
	 */
	Optional<URI> checkout(Invoice invoice, String payerEmail, URI returnTo);

	/** What the invoice page tells the payer about paying this way. */
	String instructions();

}
