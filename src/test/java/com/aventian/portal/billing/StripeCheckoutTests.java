package com.aventian.portal.billing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checkout through Stripe's Java library, against a local server answering as Stripe's API does (no network
 * to Stripe here): the session asks for exactly what is left to pay and names the invoice for the webhook.
 */
class StripeCheckoutTests {

	private HttpServer stripe;

	private final AtomicReference<String> requestBody = new AtomicReference<>();

	private final AtomicReference<String> authorization = new AtomicReference<>();

	@BeforeEach
	void fakeStripeApi() throws IOException {
		this.stripe = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		this.stripe.createContext("/v1/checkout/sessions", (exchange) -> {
			this.requestBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			this.authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
			byte[] answer = """
					{"id":"cs_test_42","object":"checkout.session","url":"https://checkout.stripe.test/c/pay/cs_test_42",\
					"payment_status":"unpaid","mode":"payment"}""".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, answer.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(answer);
			}
		});
		this.stripe.start();
	}

	@AfterEach
	void stop() {
		this.stripe.stop(0);
	}

	@Test
	void aCheckoutSessionAsksForWhatIsLeftToPayAndNamesTheInvoice() {
		// given an open invoice of 12.345 BHD of which 0.345 BHD was credited
		Invoice invoice = new Invoice(UUID.randomUUID(), 7, "INVOICE", "RENEWAL", UUID.randomUUID(), UUID.randomUUID(), null,
				null, "BHD", 12345, "OPEN", null, null, "Acme", Instant.now(), Instant.now(), null, null, "CRM", 345);
		StripePayments payments = new StripePayments(new BillingProperties("0 0 * * * *", Duration.ofDays(7),
				Duration.ofDays(21), new BillingProperties.Stripe("whsec_x", "sk_test_key",
						"http://localhost:" + this.stripe.getAddress().getPort())));

		// when the payer is sent to checkout
		URI checkout = payments.checkout(invoice, "payer@example.com", URI.create("https://portal.test/back")).orElseThrow();

		// then Stripe's page is where they go, for 12.000 BHD, with the invoice in the metadata
		assertThat(checkout).hasToString("https://checkout.stripe.test/c/pay/cs_test_42");
		assertThat(this.authorization.get()).isEqualTo("Bearer sk_test_key");
		String form = URLDecoder.decode(this.requestBody.get(), StandardCharsets.UTF_8);
		assertThat(form).contains("mode=payment")
			.contains("line_items[0][price_data][unit_amount]=12000")
			.contains("line_items[0][price_data][currency]=bhd")
			.contains("metadata[invoice_id]=" + invoice.id())
			.contains("payment_intent_data[metadata][invoice_id]=" + invoice.id())
			.contains("success_url=https://portal.test/back")
			.contains("customer_email=payer@example.com");
	}

}
