package com.aventian.portal.billing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Unpaid invoices move their subscription to PAST_DUE once {@code aventian.billing.past-due-after} has
 * passed since issue, and to SUSPENDED after {@code suspend-after}; paying (or voiding) the overdue
 * invoices restores ACTIVE, and a suspended subscription's renewal resumes from the day it is restored
 * (suspended time is not billed). Each subscription moves in its own transaction, under its row lock.
 */
@Component
class Dunning {

	private static final List<String> IN_GOOD_STANDING = List.of("TRIALING", "ACTIVE");

	private static final List<String> PAST_DUE = List.of("PAST_DUE");

	private final BillingSubscriptionMapper subscriptions;

	private final InvoiceMapper invoices;

	private final Standing standing;

	private final BillingMail mail;

	private final BillingProperties properties;

	private final TransactionTemplate transactions;

	private final Clock clock;

	Dunning(BillingSubscriptionMapper subscriptions, InvoiceMapper invoices, Standing standing, BillingMail mail,
			BillingProperties properties, TransactionTemplate transactions, Clock clock) {
		this.subscriptions = subscriptions;
		this.invoices = invoices;
		this.standing = standing;
		this.mail = mail;
		this.properties = properties;
		this.transactions = transactions;
		this.clock = clock;
	}

	void run(Instant now) {
		Instant pastDue = now.minus(this.properties.pastDueAfter());
		for (UUID assocId : this.subscriptions.findOverdueSubscriptions(pastDue, IN_GOOD_STANDING)) {
			this.transactions.executeWithoutResult((tx) -> move(assocId, pastDue, BillingStatus.PAST_DUE));
		}
		Instant suspend = now.minus(this.properties.suspendAfter());
		for (UUID assocId : this.subscriptions.findOverdueSubscriptions(suspend, PAST_DUE)) {
			this.transactions.executeWithoutResult((tx) -> move(assocId, suspend, BillingStatus.SUSPENDED));
		}
	}

	private void move(UUID assocId, Instant issuedBy, BillingStatus to) {
		Subscription subscription = this.subscriptions.findSubscriptionByAssocForUpdate(assocId).orElse(null);
		// read again under the lock: another instance or a payment may have moved it meanwhile
		boolean due = subscription != null && this.subscriptions.existsOpenInvoiceIssuedBy(assocId, issuedBy)
				&& ((to == BillingStatus.PAST_DUE) ? IN_GOOD_STANDING.contains(subscription.status().name())
						: subscription.status() == BillingStatus.PAST_DUE);
		if (!due) {
			return;
		}
		this.standing.save(subscription, subscription.withStatus(to), null, "system", "unpaid invoice");
		List<Invoice> open = this.invoices.findOpenInvoicesOfSubscription(assocId);
		if (to == BillingStatus.PAST_DUE) {
			open.forEach(this.mail::paymentFailed);
		}
		else {
			this.mail.suspended(subscription.teamId(), open.isEmpty() ? "A product" : open.get(0).productName());
		}
	}

	/** After a payment or a void: a subscription with nothing overdue any more is active again. */
	@Transactional(propagation = Propagation.MANDATORY)
	void settle(UUID assocId, UUID actorId, String actorEmail) {
		if (assocId == null) {
			return;
		}
		Subscription subscription = this.subscriptions.findSubscriptionByAssocForUpdate(assocId).orElse(null);
		if (subscription == null
				|| (subscription.status() != BillingStatus.PAST_DUE && subscription.status() != BillingStatus.SUSPENDED)) {
			return;
		}
		Instant now = this.clock.instant();
		Instant pastDue = now.minus(this.properties.pastDueAfter());
		if (this.subscriptions.existsOpenInvoiceIssuedBy(assocId, pastDue)) {
			return;
		}
		Subscription restored = subscription.withStatus(BillingStatus.ACTIVE);
		if (subscription.status() == BillingStatus.SUSPENDED && !subscription.periodEnd().isAfter(now)) {
			// no period ran while suspended: the current one closes today and renewal resumes from here, so the
			// suspended time is never billed
			ZoneId zone = this.subscriptions.findTeamBilling(subscription.teamId()).map(TeamBilling::zone).orElse(ZoneId.of("UTC"));
			Instant today = BillingInterval.startOfDay(now, zone);
			restored = restored.withPeriod(subscription.periodStart(),
					today.isAfter(subscription.periodEnd()) ? today : subscription.periodEnd(), subscription.trial());
		}
		this.standing.save(subscription, restored, actorId, actorEmail, "overdue invoices settled");
	}

}
