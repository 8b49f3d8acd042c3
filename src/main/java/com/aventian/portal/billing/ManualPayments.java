package com.aventian.portal.billing;

import java.net.URI;
import java.util.Optional;


/** Payment by bank transfer quoting the invoice number; a platform admin records it against the invoice. */
class ManualPayments implements PaymentProvider {

	@Override
	public String name() {
		return "MANUAL";
	}

	@Override
	public Optional<URI> checkout(Invoice invoice, String payerEmail, URI returnTo) {
		return Optional.empty();
	}

	@Override
	public String instructions() {
		return "Pay by bank transfer quoting the invoice number; the payment shows here once it is recorded.";
	}

}
