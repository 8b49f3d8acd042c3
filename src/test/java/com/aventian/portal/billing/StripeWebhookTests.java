package com.aventian.portal.billing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.aventian.portal.MovableClock;
import com.aventian.portal.audit.AuditEvent;
import com.aventian.portal.audit.AuditLog;
import com.stripe.net.Webhook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stripe's webhook with payloads signed by the test secret, as Stripe signs them: the raw body is what is
 * verified, each event id is applied once however many deliveries arrive at once, and any order converges.
 */
@BillingTest
class StripeWebhookTests {

	@LocalServerPort
	int port;

	@Autowired
	BillingSubscriptions subscriptions;

	@Autowired
	Invoices invoices;

	@Autowired
	BillingFixtures fixtures;

	@Autowired
	AuditLog audit;

	@Autowired
	MovableClock clock;

	@Autowired
	JdbcTemplate jdbc;

	private final HttpClient http = HttpClient.newHttpClient();

	Plan plan;

	@BeforeEach
	void plan() {
		this.clock.reset();
		this.plan = this.fixtures.plan(this.fixtures.product("Stripe"), "card", "EUR", 1990, BillingInterval.MONTH, 5, 0, 0);
	}

	@Test
	void aValidPaymentEventPaysTheInvoice() throws Exception {
		Invoice invoice = openInvoice();
		String payload = paymentSucceeded(evt(), "pi_" + UUID.randomUUID(), invoice, 1990);

		HttpResponse<String> response = deliver(payload, signed(payload, now()));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("applied");
		assertThat(this.invoices.invoice(invoice.id()).status()).isEqualTo("PAID");
		assertThat(paymentsOf(invoice)).isEqualTo(1);
	}

	@Test
	void anEventDeliveredTenTimesAtOnceIsAppliedOnce() throws Exception {
		Invoice invoice = openInvoice();
		String eventId = evt();
		String payload = paymentSucceeded(eventId, "pi_" + UUID.randomUUID(), invoice, 1990);
		String signature = signed(payload, now());

		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(10);
		List<Future<HttpResponse<String>>> deliveries = new ArrayList<>();
		try {
			for (int i = 0; i < 10; i++) {
				deliveries.add(pool.submit(() -> {
					start.await();
					return deliver(payload, signature);
				}));
			}
			start.countDown();
			List<String> answers = new ArrayList<>();
			for (Future<HttpResponse<String>> delivery : deliveries) {
				HttpResponse<String> response = delivery.get();
				assertThat(response.statusCode()).isEqualTo(200);
				answers.add(response.body());
			}
			assertThat(answers).containsOnlyOnce("applied").filteredOn("already applied"::equals).hasSize(9);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(paymentsOf(invoice)).isEqualTo(1);
		assertThat(this.audit.eventsAbout("invoice", invoice.id().toString()))
			.filteredOn((event) -> event.action().equals("INVOICE_PAID"))
			.hasSize(1);
		assertThat(this.jdbc.queryForObject("select count(*) from aventian.tbl_payment_events where event_id = ?", Long.class,
				eventId)).isEqualTo(1);
	}

	@Test
	void aBadSignatureIsRefusedAndChangesNothing() throws Exception {
		Invoice invoice = openInvoice();
		String eventId = evt();
		String payload = paymentSucceeded(eventId, "pi_" + UUID.randomUUID(), invoice, 1990);
		long now = now();
		String forged = "t=" + now + ",v1=" + Webhook.Util.computeHmacSha256("whsec_someone_else", now + "." + payload);

		assertThat(deliver(payload, forged).statusCode()).isEqualTo(400);
		assertThat(deliver(payload, "").statusCode()).isEqualTo(400);

		assertUntouched(invoice, eventId);
	}

	@Test
	void aReserialisedBodyIsRefused() throws Exception {
		Invoice invoice = openInvoice();
		String eventId = evt();
		String payload = paymentSucceeded(eventId, "pi_" + UUID.randomUUID(), invoice, 1990);
		String signature = signed(payload, now());
		// the same event as a framework would write it back: same content, other bytes
		JsonMapper json = JsonMapper.builder().build();
		JsonNode parsed = json.readTree(payload);
		String reserialised = json.writerWithDefaultPrettyPrinter().writeValueAsString(parsed);
		assertThat(reserialised).isNotEqualTo(payload);

		assertThat(deliver(reserialised, signature).statusCode()).isEqualTo(400);

		assertUntouched(invoice, eventId);
	}

	@Test
	void aTimestampOlderThanTheToleranceIsRefused() throws Exception {
		Invoice invoice = openInvoice();
		String eventId = evt();
		String payload = paymentSucceeded(eventId, "pi_" + UUID.randomUUID(), invoice, 1990);

		assertThat(deliver(payload, signed(payload, now() - 301)).statusCode()).isEqualTo(400);

		assertUntouched(invoice, eventId);
		// a delivery retried within the tolerance still counts
		assertThat(deliver(payload, signed(payload, now() - 250)).statusCode()).isEqualTo(200);
	}

	@Test
	void aFailureReportedAfterThePaymentChangesNothingAndTheOtherOrderEndsTheSame() throws Exception {
		// given two invoices, each paid by a payment that also failed once, the events arriving in both orders
		Invoice first = openInvoice();
		Invoice second = openInvoice();
		String paidFirst = paymentSucceeded(evt(), "pi_a" + UUID.randomUUID(), first, 1990);
		String failedFirst = paymentFailed(evt(), first);
		String failedSecond = paymentFailed(evt(), second);
		String paidSecond = paymentSucceeded(evt(), "pi_b" + UUID.randomUUID(), second, 1990);

		deliver(paidFirst, signed(paidFirst, now()));
		deliver(failedFirst, signed(failedFirst, now()));
		deliver(failedSecond, signed(failedSecond, now()));
		deliver(paidSecond, signed(paidSecond, now()));

		// then both end paid, once each
		assertThat(this.invoices.invoice(first.id()).status()).isEqualTo("PAID");
		assertThat(this.invoices.invoice(second.id()).status()).isEqualTo("PAID");
		assertThat(paymentsOf(first)).isEqualTo(1);
		assertThat(paymentsOf(second)).isEqualTo(1);
		assertThat(actions(first)).doesNotContain("PAYMENT_FAILED");
		assertThat(actions(second)).containsSubsequence("PAYMENT_FAILED", "INVOICE_PAID");
	}

	@Test
	void moneyTakenForAVoidedInvoiceIsAcknowledgedAndAuditedOnceAsNotApplied() throws Exception {
		// given an invoice voided while its payer was paying it
		Invoice invoice = openInvoice();
		this.invoices.voidInvoice(null, "admin@example.com", invoice.id());
		String payload = paymentSucceeded(evt(), "pi_" + UUID.randomUUID(), invoice, 1990);

		HttpResponse<String> first = deliver(payload, signed(payload, now()));
		HttpResponse<String> again = deliver(payload, signed(payload, now()));

		// then Stripe hears it arrived (no retries), nothing is paid, and the money is left for a person to refund
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.body()).isEqualTo("applied");
		assertThat(again.body()).isEqualTo("already applied");
		assertThat(paymentsOf(invoice)).isZero();
		assertThat(this.invoices.invoice(invoice.id()).status()).isEqualTo("VOID");
		assertThat(actions(invoice)).containsOnlyOnce("PAYMENT_NOT_APPLIED");
	}

	@Test
	void theCheckoutSessionAndItsPaymentIntentRecordOnePayment() throws Exception {
		Invoice invoice = openInvoice();
		String intent = "pi_" + UUID.randomUUID();
		String completed = """
				{"id":"%s","object":"event","created":%d,"type":"checkout.session.completed","livemode":false,\
				"data":{"object":{"id":"cs_test_1","object":"checkout.session","payment_status":"paid","payment_intent":"%s",\
				"amount_total":1990,"currency":"eur","metadata":{"invoice_id":"%s"}}}}"""
			.formatted(evt(), now(), intent, invoice.id());
		String succeeded = paymentSucceeded(evt(), intent, invoice, 1990);

		assertThat(deliver(succeeded, signed(succeeded, now())).body()).isEqualTo("applied");
		assertThat(deliver(completed, signed(completed, now())).body()).isEqualTo("applied");

		assertThat(paymentsOf(invoice)).isEqualTo(1);
		assertThat(this.invoices.invoice(invoice.id()).status()).isEqualTo("PAID");
	}

	@Test
	void aSecondPaymentForAnAlreadyPaidInvoiceIsAcknowledgedAndKeptForARefund() throws Exception {
		// given an invoice paid through one payment intent
		Invoice invoice = openInvoice();
		String first = paymentSucceeded(evt(), "pi_" + UUID.randomUUID(), invoice, 1990);
		assertThat(deliver(first, signed(first, now())).body()).isEqualTo("applied");

		// when Stripe reports a second payment of the same invoice (a second checkout the payer completed)
		String secondEvent = evt();
		String second = paymentSucceeded(secondEvent, "pi_" + UUID.randomUUID(), invoice, 1990);
		HttpResponse<String> response = deliver(second, signed(second, now()));

		// then the delivery is acknowledged, the event kept as applied, and the money flagged for a person
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("applied");
		assertThat(paymentsOf(invoice)).isEqualTo(1);
		assertThat(actions(invoice)).contains("PAYMENT_NOT_APPLIED");
		assertThat(this.jdbc.queryForObject("select count(*) from aventian.tbl_payment_events where event_id = ?", Long.class,
				secondEvent)).isEqualTo(1);
	}

	private Invoice openInvoice() {
		BillingFixtures.Team team = this.fixtures.team("Stripe");
		this.subscriptions.subscribe(team.owner().id(), "owner", team.id(), this.plan.id().toString(), "1");
		return this.invoices.ofTeam(team.id()).get(0);
	}

	private HttpResponse<String> deliver(String payload, String signature) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/webhooks/stripe"))
			.header("Content-Type", "application/json; charset=utf-8")
			.POST(HttpRequest.BodyPublishers.ofString(payload));
		if (!signature.isEmpty()) {
			request.header("Stripe-Signature", signature);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private void assertUntouched(Invoice invoice, String eventId) {
		assertThat(this.invoices.invoice(invoice.id()).status()).isEqualTo("OPEN");
		assertThat(paymentsOf(invoice)).isZero();
		assertThat(this.jdbc.queryForObject("select count(*) from aventian.tbl_payment_events where event_id = ?", Long.class,
				eventId)).isZero();
	}

	private long paymentsOf(Invoice invoice) {
		return this.jdbc.queryForObject("select count(*) from aventian.tbl_payments where invoice_id = ?", Long.class,
				invoice.id());
	}

	private List<String> actions(Invoice invoice) {
		return this.audit.eventsAbout("invoice", invoice.id().toString()).stream().map(AuditEvent::action).toList();
	}

	private long now() {
		return this.clock.instant().getEpochSecond();
	}

	private static String evt() {
		return StripeEvents.eventId();
	}

	private String paymentSucceeded(String eventId, String intent, Invoice invoice, long amount) {
		return StripeEvents.paymentSucceeded(eventId, intent, invoice.id(), amount, now());
	}

	private String paymentFailed(String eventId, Invoice invoice) {
		return StripeEvents.paymentFailed(eventId, invoice.id(), now());
	}

	private static String signed(String payload, long timestamp) throws Exception {
		return StripeEvents.signed(payload, timestamp);
	}

}
