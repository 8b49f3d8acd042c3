package com.aventian.portal.billing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.aventian.portal.audit.AuditEntry;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.provisioning.SubscriptionException;
import com.aventian.portal.provisioning.Subscriptions;
import com.aventian.portal.team.MembershipService.Actor;
import com.aventian.portal.rbac.PrivilegesChanged;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a billing manager does with the team's subscriptions: subscribe on a plan (a trial first, if the plan
 * has one), change plan (an upgrade at once with a proration for the rest of the period, a downgrade at
 * the period's end with no credit), change seats (more at once, prorated; fewer at the period's end),
 * cancel at the period's end and resume. Each change runs under the subscription's row lock.
 */
@Service
public class BillingSubscriptions {

	private final BillingSubscriptionMapper subscriptions;

	private final PlanMapper plans;

	private final Subscriptions rows;

	private final Invoices invoices;

	private final Standing standing;

	private final AuditLog audit;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	BillingSubscriptions(BillingSubscriptionMapper subscriptions, PlanMapper plans, Subscriptions rows, Invoices invoices,
			Standing standing, AuditLog audit, Clock clock, ApplicationEventPublisher events) {
		this.events = events;
		this.subscriptions = subscriptions;
		this.plans = plans;
		this.rows = rows;
		this.invoices = invoices;
		this.standing = standing;
		this.audit = audit;
		this.clock = clock;
	}

	public List<SubscriptionView> ofTeam(UUID teamId) {
		return this.subscriptions.findSubscriptionsOfTeam(teamId);
	}

	public TeamBilling billingOf(UUID teamId) {
		return this.subscriptions.findTeamBilling(teamId).orElse(TeamBilling.defaults(teamId));
	}

	/** The product API's answer: the team's billing status for the product, if it subscribed. */
	public java.util.Optional<BillingStatus> statusOf(UUID teamId, UUID productId) {
		return this.subscriptions.findStatus(teamId, productId);
	}

	@Transactional
	public UUID subscribe(UUID actorId, String actorEmail, UUID teamId, String typedPlanId, String typedSeats) {
		Plan plan = offeredPlan(typedPlanId);
		int seats = seats(typedSeats, teamId);
		UUID assocId = openRow(actorId, actorEmail, teamId, plan);
		Subscription existing = this.subscriptions.findSubscriptionForUpdate(teamId, assocId).orElse(null);
		if (existing != null && existing.status() != BillingStatus.CANCELLED) {
			throw BillingInputException.of("The team already subscribes to " + plan.productName()
					+ ": change its plan instead.");
		}
		ZoneId zone = billingOf(teamId).zone();
		Instant start = BillingInterval.startOfDay(this.clock.instant(), zone);
		// a trial is for a team new to the product: cancelling and subscribing again must not start another one
		boolean trial = plan.trialDays() > 0 && existing == null;
		Instant end = trial ? BillingInterval.daysAfter(start, plan.trialDays(), zone)
				: plan.billingInterval().after(start, zone);
		Subscription subscription = new Subscription(assocId, teamId, plan.productId(), plan.id(),
				trial ? BillingStatus.TRIALING : BillingStatus.ACTIVE, seats, start, end, trial, false, null, null, null,
				(existing != null) ? existing.version() : 0);
		if (existing == null) {
			this.subscriptions.insertBilling(subscription);
			// its first billing status replaces NONE in the products' API answer, cached with the members' privileges
			this.events.publishEvent(PrivilegesChanged.ofTeam(teamId));
		}
		else {
			this.standing.save(existing, subscription, actorId, actorEmail, "subscribed again");
		}
		this.subscriptions.updateAssocPlan(assocId, plan.code(), seats);
		this.audit.record(new AuditEntry(actorId, actorEmail, "SUBSCRIPTION_CREATED", "subscription", assocId.toString(),
				teamId, plan.productId(), Map.of("plan", plan.code() + " v" + plan.version(), "seats", seats, "trialDays",
						plan.trialDays())));
		if (!trial) {
			this.invoices.issue(Renewals.periodInvoice("SUBSCRIBED", subscription, plan, zone), actorId, actorEmail);
		}
		return assocId;
	}

	@Transactional
	public void changePlan(UUID actorId, String actorEmail, UUID teamId, UUID assocId, String typedPlanId) {
		Subscription current = changeable(teamId, assocId);
		Plan from = this.plans.findPlanById(current.planId()).orElseThrow();
		Plan to = offeredPlan(typedPlanId);
		if (!to.productId().equals(from.productId())) {
			throw BillingInputException.of("Choose a plan of " + from.productName() + ".");
		}
		if (to.id().equals(from.id())) {
			throw BillingInputException.of("The team is already on " + to.name() + ".");
		}
		if (!to.currency().equals(from.currency())) {
			throw BillingInputException.of(to.name() + " is billed in " + to.currency() + ", the subscription in "
					+ from.currency() + ": a plan change keeps the currency.");
		}
		Map<String, Object> details = Map.of("from", from.code() + " v" + from.version(), "to",
				to.code() + " v" + to.version());
		if (current.trial()) {
			// nothing was paid yet: the trial simply continues on the other plan
			this.standing.save(current, current.withPlan(to.id(), current.seats()), actorId, actorEmail, "plan changed");
			this.subscriptions.updateAssocPlan(assocId, to.code(), current.seats());
			planAudit(actorId, actorEmail, current, "SUBSCRIPTION_PLAN_CHANGED", details);
			return;
		}
		ZoneId zone = billingOf(teamId).zone();
		Instant now = this.clock.instant();
		Proration unused = Proration.of(current.periodStart(), current.periodEnd(), now, zone);
		// a longer interval costing less than the unused time of this period lowers what the team pays: applied
		// at once it would need an invoice of a negative total, which the invoices table refuses
		boolean upgrade = (to.billingInterval().longerThan(from.billingInterval())
				&& to.recurring(current.seats()).minor() >= unused.of(from.recurring(current.seats())).minor())
				|| (to.billingInterval() == from.billingInterval()
						&& to.recurring(current.seats()).minor() > from.recurring(current.seats()).minor());
		if (!upgrade) {
			this.standing.save(current, current.withPending(to.id(), current.nextSeats()), actorId, actorEmail, "downgrade");
			planAudit(actorId, actorEmail, current, "SUBSCRIPTION_PLAN_CHANGE_SCHEDULED", details);
			return;
		}
		InvoiceDraft draft;
		Subscription changed;
		if (to.billingInterval() == from.billingInterval()) {
			draft = InvoiceDraft.invoice("PRORATION", teamId, assocId, to.currency(), current.periodStart(),
					current.periodEnd())
				.line("PRORATION_CREDIT", "Unused time on " + from.name() + " (" + unused.describe() + ")", 1,
						unused.of(from.recurring(current.seats())).negate())
				.line("PRORATION_CHARGE", "Remaining time on " + to.name() + " (" + unused.describe() + ")", 1,
						unused.of(to.recurring(current.seats())));
			changed = current.withPlan(to.id(), current.seats());
		}
		else {
			// a longer interval starts a new period today, paid in full, less the unused time of the old one
			Instant start = BillingInterval.startOfDay(now, zone);
			changed = current.withPlan(to.id(), current.seats()).withPeriod(start, to.billingInterval().after(start, zone), false);
			draft = Renewals.periodInvoice("PRORATION", changed, to, zone);
			draft.line("PRORATION_CREDIT", "Unused time on " + from.name() + " (" + unused.describe() + ")", 1,
					unused.of(from.recurring(current.seats())).negate());
		}
		this.standing.save(current, changed, actorId, actorEmail, "upgrade");
		this.subscriptions.updateAssocPlan(assocId, to.code(), current.seats());
		planAudit(actorId, actorEmail, current, "SUBSCRIPTION_PLAN_CHANGED", details);
		this.invoices.issue(draft, actorId, actorEmail);
	}

	@Transactional
	public void changeSeats(UUID actorId, String actorEmail, UUID teamId, UUID assocId, String typedSeats) {
		Subscription current = changeable(teamId, assocId);
		int seats = seats(typedSeats, teamId);
		if (seats == current.seats() && current.nextSeats() == null) {
			throw BillingInputException.of("The team already pays for " + seats + " seats.");
		}
		Map<String, Object> details = Map.of("from", current.seats(), "to", seats);
		if (seats <= current.seats()) {
			this.standing.save(current, current.withPending(current.nextPlanId(), (seats == current.seats()) ? null : seats),
					actorId, actorEmail, "fewer seats");
			planAudit(actorId, actorEmail, current, "SUBSCRIPTION_SEATS_CHANGE_SCHEDULED", details);
			return;
		}
		Plan plan = this.plans.findPlanById(current.planId()).orElseThrow();
		Subscription changed = new Subscription(current.assocId(), teamId, current.productId(), current.planId(),
				current.status(), seats, current.periodStart(), current.periodEnd(), current.trial(),
				current.cancelAtPeriodEnd(), current.nextPlanId(), null, current.cancelledAt(), current.version());
		this.standing.save(current, changed, actorId, actorEmail, "more seats");
		this.subscriptions.updateAssocPlan(assocId, plan.code(), seats);
		planAudit(actorId, actorEmail, current, "SUBSCRIPTION_SEATS_CHANGED", details);
		Money added = plan.recurring(seats).plus(plan.recurring(current.seats()).negate());
		if (!current.trial() && !added.isZero()) {
			Proration unused = Proration.of(current.periodStart(), current.periodEnd(), this.clock.instant(),
					billingOf(teamId).zone());
			this.invoices.issue(InvoiceDraft.invoice("PRORATION", teamId, assocId, plan.currency(), current.periodStart(),
					current.periodEnd())
				.line("PRORATION_CHARGE", (plan.extraSeats(seats) - plan.extraSeats(current.seats())) + " more seats ("
						+ unused.describe() + ")", plan.extraSeats(seats) - plan.extraSeats(current.seats()), unused.of(added)),
					actorId, actorEmail);
		}
	}

	@Transactional
	public void cancelAtPeriodEnd(UUID actorId, String actorEmail, UUID teamId, UUID assocId) {
		Subscription current = changeable(teamId, assocId);
		if (current.cancelAtPeriodEnd()) {
			throw BillingInputException.of("The subscription already ends with this period.");
		}
		this.standing.save(current, current.withCancelAtPeriodEnd(true), actorId, actorEmail, "cancel at period end");
		planAudit(actorId, actorEmail, current, "SUBSCRIPTION_CANCEL_SCHEDULED", Map.of("endsAt", current.periodEnd().toString()));
	}

	@Transactional
	public void resume(UUID actorId, String actorEmail, UUID teamId, UUID assocId) {
		Subscription current = changeable(teamId, assocId);
		if (!current.cancelAtPeriodEnd()) {
			throw BillingInputException.of("The subscription is not set to end.");
		}
		this.standing.save(current, current.withCancelAtPeriodEnd(false), actorId, actorEmail, "resumed");
		planAudit(actorId, actorEmail, current, "SUBSCRIPTION_RESUMED", Map.of());
	}

	@Transactional
	public void updateTeamBilling(UUID actorId, String actorEmail, UUID teamId, String typedEmail, String typedAddress,
			String typedZone) {
		String email = (typedEmail != null) ? typedEmail.strip() : "";
		String address = (typedAddress != null) ? typedAddress.strip() : "";
		String zone = (typedZone != null) ? typedZone.strip() : "";
		BillingInputException.Problems problems = new BillingInputException.Problems();
		if (!email.isEmpty() && (email.length() > 320 || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))) {
			problems.add("billingEmail", "Enter an e-mail address like billing@example.com, or leave it empty.");
		}
		if (address.length() > 500) {
			problems.add("address", "An address has at most 500 characters.");
		}
		if (!ZoneId.getAvailableZoneIds().contains(zone) && !zone.equals("UTC")) {
			problems.add("timeZone", "Choose a time zone such as Europe/Berlin or UTC.");
		}
		problems.throwIfAny();
		this.subscriptions.upsertTeamBilling(new TeamBilling(teamId, email.isEmpty() ? null : email, address, zone));
		this.audit.record(new AuditEntry(actorId, actorEmail, "BILLING_DETAILS_CHANGED", "team", teamId.toString(), teamId,
				null, Map.of("timeZone", zone)));
	}

	/**
	 * The team's subscription row, opened through provisioning's one entry point: a team new to the product
	 * gets its database provisioned as for a subscription from the products page; a row it has is used.
	 */
	private UUID openRow(UUID actorId, String actorEmail, UUID teamId, Plan plan) {
		try {
			return this.rows.open(new Actor(actorId, actorEmail), teamId, plan.productId()).id();
		}
		catch (SubscriptionException ex) {
			throw BillingInputException.of(ex.getMessage());
		}
	}

	private Subscription changeable(UUID teamId, UUID assocId) {
		Subscription current = this.subscriptions.findSubscriptionForUpdate(teamId, assocId)
			.orElseThrow(BillingNotFoundException::new);
		if (current.status() == BillingStatus.CANCELLED) {
			throw BillingInputException.of("This subscription is cancelled: subscribe again to choose a plan or seats.");
		}
		return current;
	}

	private Plan offeredPlan(String typedPlanId) {
		UUID planId;
		try {
			planId = UUID.fromString((typedPlanId != null) ? typedPlanId.strip() : "");
		}
		catch (IllegalArgumentException ex) {
			throw new BillingInputException(Map.of("planId", "Choose a plan."));
		}
		Plan plan = this.plans.findPlanById(planId)
			.orElseThrow(() -> new BillingInputException(Map.of("planId", "Choose a plan.")));
		if (!plan.offered()) {
			throw new BillingInputException(Map.of("planId", plan.name() + " is no longer offered: choose another plan."));
		}
		return plan;
	}

	private int seats(String typed, UUID teamId) {
		Long seats = Amounts.wholeNumber(typed);
		if (seats == null || seats < 1 || seats > 100_000) {
			throw new BillingInputException(Map.of("seats", "Enter a whole number of seats, at least 1."));
		}
		// members join under the team's lock: the count holds until this change commits
		this.subscriptions.lockTeam(teamId);
		int members = this.subscriptions.countMembers(teamId);
		if (seats < members) {
			throw new BillingInputException(Map.of("seats", "The team has " + members + " members, and each member using "
					+ "the product needs a paid seat: choose at least " + members + " seats, or remove members first."));
		}
		return seats.intValue();
	}

	private void planAudit(UUID actorId, String actorEmail, Subscription subscription, String action,
			Map<String, ?> details) {
		this.audit.record(new AuditEntry(actorId, actorEmail, action, "subscription", subscription.assocId().toString(),
				subscription.teamId(), subscription.productId(), details));
	}

}
