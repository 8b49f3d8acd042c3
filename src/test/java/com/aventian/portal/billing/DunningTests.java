package com.aventian.portal.billing;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.aventian.portal.MovableClock;
import com.aventian.portal.TestMailbox;
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

	private void runAt(Instant at) {
		this.clock.set(at);
		this.renewals.run();
	}

	private BillingStatus status() {
		return this.subscriptions.ofTeam(this.team.id()).get(0).status();
	}

}
