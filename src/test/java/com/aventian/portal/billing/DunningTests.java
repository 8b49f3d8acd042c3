package com.aventian.portal.billing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.aventian.portal.MovableClock;
import com.aventian.portal.TestMailbox;
import com.aventian.portal.audit.AuditEvent;
import com.aventian.portal.audit.AuditLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Unpaid: past due after 7 days, suspended after 21 (this test's properties); paying restores it. */
@BillingTest
class DunningTests {

	private static final Instant ISSUED = Instant.parse("2027-03-01T10:00:00Z");

	@Autowired
	BillingSubscriptions subscriptions;

	@Autowired
	Invoices invoices;

	@Autowired
	Payments payments;

	@Autowired
	Renewals renewals;

	@Autowired
	BillingFixtures fixtures;

	@Autowired
	MovableClock clock;

	@Autowired
	AuditLog audit;

	UUID product;

	BillingFixtures.Team team;

	Invoice invoice;

	@BeforeEach
	void unpaidInvoice() {
		this.clock.set(ISSUED);
		this.product = this.fixtures.product("Dunning");
		Plan plan = this.fixtures.plan(this.product, "dun", "EUR", 1000, BillingInterval.MONTH, 5, 0, 0);
		this.team = this.fixtures.team("Dunning");
		this.subscriptions.subscribe(this.team.owner().id(), "owner", this.team.id(), plan.id().toString(), "1");
		this.invoice = this.invoices.ofTeam(this.team.id()).get(0);
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void anUnpaidInvoiceMakesItPastDueThenSuspendedAtTheOffsetsAndPaymentRestoresIt() throws Exception {
		assertThat(TestMailbox.subjectOf(TestMailbox.awaitMail(this.team.owner().email(), 1)))
			.startsWith("Invoice " + this.invoice.numberDisplay() + " for ");
		assertThat(this.audit.eventsAbout("invoice", this.invoice.id().toString())).extracting(AuditEvent::action)
			.containsExactly("INVOICE_ISSUED");
		runAt(ISSUED.plus(Duration.ofDays(7)).minusSeconds(60));
		assertThat(status()).isEqualTo(BillingStatus.ACTIVE);

		runAt(ISSUED.plus(Duration.ofDays(7)).plusSeconds(60));
		assertThat(status()).isEqualTo(BillingStatus.PAST_DUE);
		assertThat(TestMailbox.subjectOf(TestMailbox.awaitMail(this.team.owner().email(), 2)))
			.isEqualTo("Payment needed for invoice " + this.invoice.numberDisplay());

		runAt(ISSUED.plus(Duration.ofDays(21)).minusSeconds(60));
		assertThat(status()).isEqualTo(BillingStatus.PAST_DUE);

		runAt(ISSUED.plus(Duration.ofDays(21)).plusSeconds(60));
		assertThat(status()).isEqualTo(BillingStatus.SUSPENDED);
		assertThat(this.subscriptions.statusOf(this.team.id(), this.product)).contains(BillingStatus.SUSPENDED);
		assertThat(TestMailbox.subjectOf(TestMailbox.awaitMail(this.team.owner().email(), 3))).contains("is suspended");

		this.payments.recordManual(this.fixtures.platformAdmin().id(), "admin", this.invoice.id(), "1000", "BANK-42");
		assertThat(status()).isEqualTo(BillingStatus.ACTIVE);
		assertThat(this.invoices.invoice(this.invoice.id()).status()).isEqualTo("PAID");
		assertThat(this.audit.eventsAbout("invoice", this.invoice.id().toString())).extracting(AuditEvent::action)
			.containsExactly("INVOICE_ISSUED", "INVOICE_PAID");
		assertThat(this.audit.eventsAbout("subscription", view().assocId().toString()))
			.filteredOn((event) -> event.action().equals("SUBSCRIPTION_STATUS_CHANGED"))
			.extracting((event) -> event.details().json().replace(" ", ""))
			.satisfiesExactly((moved) -> assertThat(moved).contains("\"from\":\"ACTIVE\"", "\"to\":\"PAST_DUE\""),
					(moved) -> assertThat(moved).contains("\"from\":\"PAST_DUE\"", "\"to\":\"SUSPENDED\""),
					(moved) -> assertThat(moved).contains("\"from\":\"SUSPENDED\"", "\"to\":\"ACTIVE\""));
	}

	@Test
	void anInvoicePaidWithinTheGracePeriodChangesNothing() {
		this.payments.recordManual(this.fixtures.platformAdmin().id(), "admin", this.invoice.id(), "1000", "BANK-43");

		runAt(ISSUED.plus(Duration.ofDays(22)));

		assertThat(status()).isEqualTo(BillingStatus.ACTIVE);
	}

	@Test
	void voidingTheOverdueInvoiceRestoresTheSuspendedSubscription() {
		// given a subscription suspended for its one unpaid invoice
		runAt(ISSUED.plus(Duration.ofDays(7)).plusSeconds(60));
		runAt(ISSUED.plus(Duration.ofDays(21)).plusSeconds(60));
		assertThat(status()).isEqualTo(BillingStatus.SUSPENDED);

		// when a platform admin voids that invoice
		this.invoices.voidInvoice(this.fixtures.platformAdmin().id(), "admin", this.invoice.id());

		// then nothing is overdue any more: the subscription is active again, now and after the next run
		assertThat(status()).isEqualTo(BillingStatus.ACTIVE);
		runAt(ISSUED.plus(Duration.ofDays(22)));
		assertThat(status()).isEqualTo(BillingStatus.ACTIVE);
	}

	@Test
	void creditingTheOverdueInvoiceInFullRestoresThePastDueSubscription() {
		// given a subscription past due for its one unpaid invoice
		runAt(ISSUED.plus(Duration.ofDays(7)).plusSeconds(60));
		assertThat(status()).isEqualTo(BillingStatus.PAST_DUE);

		// when a platform admin credits all of it (which voids it)
		this.invoices.creditNote(this.fixtures.platformAdmin().id(), "admin", this.invoice.id(), "1000", "goodwill");

		// then the subscription is active again
		assertThat(this.invoices.invoice(this.invoice.id()).status()).isEqualTo("VOID");
		assertThat(status()).isEqualTo(BillingStatus.ACTIVE);
	}

	@Test
	void aSuspendedSubscriptionGetsNoNewPeriodOrInvoiceAndPaymentResumesRenewalFromThatDay() {
		runAt(ISSUED.plus(Duration.ofDays(22)));
		assertThat(status()).isEqualTo(BillingStatus.SUSPENDED);

		// two period ends (April 1st, May 1st) pass while suspended
		runAt(Instant.parse("2027-05-15T10:00:00Z"));

		assertThat(status()).isEqualTo(BillingStatus.SUSPENDED);
		assertThat(this.invoices.ofTeam(this.team.id())).hasSize(1);
		assertThat(view().periodEnd()).isEqualTo(Instant.parse("2027-04-01T00:00:00Z"));

		this.payments.recordManual(this.fixtures.platformAdmin().id(), "admin", this.invoice.id(), "1000", "BANK-44");
		runAt(Instant.parse("2027-05-15T10:05:00Z"));

		assertThat(status()).isEqualTo(BillingStatus.ACTIVE);
		List<Invoice> invoices = this.invoices.ofTeam(this.team.id());
		assertThat(invoices).hasSize(2);
		Invoice resumed = invoices.stream().filter((invoice) -> !invoice.id().equals(this.invoice.id())).findFirst().orElseThrow();
		assertThat(resumed.reason()).isEqualTo("RENEWAL");
		assertThat(resumed.periodStart()).isEqualTo(Instant.parse("2027-05-15T00:00:00Z"));
		assertThat(view().periodEnd()).isEqualTo(Instant.parse("2027-06-15T00:00:00Z"));
	}

	@Test
	void aCancelledSubscriptionGetsNoNewPeriodOrInvoice() {
		this.payments.recordManual(this.fixtures.platformAdmin().id(), "admin", this.invoice.id(), "1000", "BANK-45");
		this.subscriptions.cancelAtPeriodEnd(this.team.owner().id(), "owner", this.team.id(), view().assocId());
		runAt(Instant.parse("2027-04-01T00:05:00Z"));
		assertThat(status()).isEqualTo(BillingStatus.CANCELLED);

		runAt(Instant.parse("2027-07-01T00:05:00Z"));

		assertThat(status()).isEqualTo(BillingStatus.CANCELLED);
		assertThat(this.invoices.ofTeam(this.team.id())).hasSize(1);
		assertThat(view().periodEnd()).isEqualTo(Instant.parse("2027-04-01T00:00:00Z"));
	}

	private SubscriptionView view() {
		return this.subscriptions.ofTeam(this.team.id()).get(0);
	}

	private void runAt(Instant at) {
		this.clock.set(at);
		this.renewals.run();
	}

	private BillingStatus status() {
		return this.subscriptions.ofTeam(this.team.id()).get(0).status();
	}

}
