package com.aventian.portal.billing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.aventian.portal.audit.AuditEntry;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.jobs.Jobs;
import com.aventian.portal.provisioning.Subscriptions;
import com.aventian.portal.team.MembershipService.Actor;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The renewal job's work: every subscription whose period has ended gets its next period (a trial
 * becomes the first paid one; a downgrade or seat reduction waiting for the period end applies; a
 * subscription cancelled at period end ends) and that period's invoice; then dunning. A suspended or
 * cancelled subscription is not renewed (a payment restoring a suspended one resumes it, see {@link Dunning}). Runs as one
 * recurring job of the cluster, and each subscription is renewed under its row lock, re-read there, with
 * the unique (subscription, period start) of invoices as the last word: a period is billed once even if two
 * runs meet. Time is the injected clock's.
 */
@Component
class Renewals {

	private static final Logger log = LoggerFactory.getLogger(Renewals.class);

	private final BillingSubscriptionMapper subscriptions;

	private final PlanMapper plans;

	private final Invoices invoices;

	private final Standing standing;

	private final Dunning dunning;

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Subscriptions rows;

	Renewals(BillingSubscriptionMapper subscriptions, PlanMapper plans, Invoices invoices, Standing standing, Dunning dunning,
			AuditLog audit, TransactionTemplate transactions, Clock clock, Subscriptions rows) {
		this.rows = rows;
		this.subscriptions = subscriptions;
		this.plans = plans;
		this.invoices = invoices;
		this.standing = standing;
		this.dunning = dunning;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
	}

	void run() {
		Instant now = this.clock.instant();
		for (UUID assocId : this.subscriptions.findDueSubscriptions(now)) {
			try {
				this.transactions.executeWithoutResult((tx) -> renew(assocId, now));
			}
			catch (RuntimeException ex) {
				// one subscription's failure (rolled back whole) must not keep every later one, and dunning, from running
				log.error("The renewal of subscription {} failed and is tried again at the next run", assocId, ex);
			}
		}
		this.dunning.run(now);
	}

	private void renew(UUID assocId, Instant now) {
		Subscription subscription = this.subscriptions.findSubscriptionByAssocForUpdate(assocId).orElse(null);
		ZoneId zone = (subscription != null) ? zoneOf(subscription.teamId()) : null;
		// periods missed while nothing ran (or while the clock was moved) are caught up one by one; a suspended
		// subscription gets no new period (nor invoice) until a payment restores it, unless it was set to end
		while (subscription != null && renews(subscription) && !subscription.periodEnd().isAfter(now)) {
			subscription = (subscription.cancelAtPeriodEnd()) ? end(subscription) : nextPeriod(subscription, zone);
		}
	}

	/** Cancelled at its period's end: the one subscription row is cancelled too (the product loses the team). */
	private Subscription end(Subscription subscription) {
		Subscription ended = this.standing.save(subscription, subscription.withStatus(BillingStatus.CANCELLED), null,
				"system", "cancelled at period end");
		this.rows.endedByBilling(new Actor(null, "system"), subscription.teamId(), subscription.assocId());
		return ended;
	}

	private static boolean renews(Subscription subscription) {
		return subscription.status() != BillingStatus.CANCELLED
				&& (subscription.status() != BillingStatus.SUSPENDED || subscription.cancelAtPeriodEnd());
	}

	private Subscription nextPeriod(Subscription current, ZoneId zone) {
		UUID planId = Objects.requireNonNullElse(current.nextPlanId(), current.planId());
		int seats = Objects.requireNonNullElse(current.nextSeats(), current.seats());
		Plan plan = this.plans.findPlanById(planId).orElseThrow();
		Instant start = current.periodEnd();
		Instant end = plan.billingInterval().after(start, zone);
		Subscription renewed = current.withPlan(planId, seats).withPending(null, null).withPeriod(start, end, false);
		if (current.status() == BillingStatus.TRIALING) {
			renewed = renewed.withStatus(BillingStatus.ACTIVE);
		}
		if (!planId.equals(current.planId()) || seats != current.seats()) {
			this.subscriptions.updateAssocPlan(current.assocId(), plan.code(), seats);
			this.audit.record(new AuditEntry(null, "system", "SUBSCRIPTION_CHANGE_APPLIED", "subscription",
					current.assocId().toString(), current.teamId(), current.productId(),
					Map.of("plan", plan.code() + " v" + plan.version(), "seats", seats)));
		}
		Subscription saved = this.standing.save(current, renewed, null, "system",
				current.trial() ? "trial ended" : "period renewed");
		if (!this.invoices.periodBilled(current.assocId(), start)) {
			this.invoices.issue(periodInvoice("RENEWAL", saved, plan, zone), null, "system");
		}
		return saved;
	}

	static InvoiceDraft periodInvoice(String reason, Subscription subscription, Plan plan, ZoneId zone) {
		InvoiceDraft draft = InvoiceDraft.invoice(reason, subscription.teamId(), subscription.assocId(), plan.currency(),
				subscription.periodStart(), subscription.periodEnd());
		String period = LocalDate.ofInstant(subscription.periodStart(), zone) + " to "
				+ LocalDate.ofInstant(subscription.periodEnd(), zone).minusDays(1);
		draft.line("PLAN", plan.productName() + " " + plan.name() + " (" + plan.includedSeats() + " seats included), " + period,
				1, plan.price());
		int extra = plan.extraSeats(subscription.seats());
		if (extra > 0) {
			draft.line("SEATS", "Extra seats, " + period, extra, plan.extraSeatPrice().times(extra));
		}
		return draft;
	}

	private ZoneId zoneOf(UUID teamId) {
		return this.subscriptions.findTeamBilling(teamId).map(TeamBilling::zone).orElse(ZoneId.of("UTC"));
	}

	/** The recurring job: one execution row in the cluster's table, so one instance runs each occurrence. */
	@Configuration(proxyBeanMethods = false)
	static class Job {

		/** Renewals are looked up when the job runs: they send mail through the jobs whose scheduler knows this task. */
		@Bean
		RecurringTask<Void> billingRenewalTask(ObjectProvider<Renewals> renewals, BillingProperties properties) {
			return Jobs.recurring("billing-renewal", properties.renewalCron(), () -> renewals.getObject().run());
		}

	}

}
