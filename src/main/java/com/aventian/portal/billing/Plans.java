package com.aventian.portal.billing;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.aventian.portal.audit.AuditEntry;
import com.aventian.portal.audit.AuditLog;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The platform admin's plans. A plan that has subscriptions never changes its terms: saving new terms
 * creates the next version, which is then the one offered, and subscriptions keep theirs.
 */
@Service
public class Plans {

	/**
	 * A price, and an extra seat's, at most 10^10 minor units: a year of 100,000 extra seats then stays well
	 * inside a {@code long} through proration (amount x days x 2), so no arithmetic of a period can overflow.
	 */
	static final long MAX_PRICE_MINOR = 10_000_000_000L;

	private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{1,39}");

	private final PlanMapper plans;

	private final AuditLog audit;

	Plans(PlanMapper plans, AuditLog audit) {
		this.plans = plans;
		this.audit = audit;
	}

	public List<Plan> all() {
		return this.plans.findPlans();
	}

	public List<Plan> offered() {
		return this.plans.findOfferedPlans();
	}

	List<PlanMapper.ProductRef> products() {
		return this.plans.findProducts();
	}

	Plan plan(UUID id) {
		return this.plans.findPlanById(id).orElseThrow(BillingNotFoundException::new);
	}

	@Transactional
	public Plan create(UUID adminId, String adminEmail, PlanForm form) {
		CheckedPlan plan = check(form, true);
		UUID id = UUID.randomUUID();
		this.plans.insertPlan(id, plan, 1);
		this.audit.record(AuditEntry.of(adminId, adminEmail, "PLAN_CREATED", "plan", id)
			.withDetails(details(plan, 1)));
		return plan(id);
	}

	/**
	 * New terms for a plan: changed in place while nobody is on it, else saved as the next version, which
	 * replaces it on offer. Returns the plan now offered.
	 */
	@Transactional
	public Plan revise(UUID adminId, String adminEmail, UUID planId, PlanForm form) {
		Plan current = this.plans.findPlanByIdForUpdate(planId).orElseThrow(BillingNotFoundException::new);
		if (!current.offered()) {
			throw BillingInputException.of("Version " + current.version() + " of " + current.code()
					+ " is no longer offered: edit the newest version.");
		}
		CheckedPlan revised = check(new PlanForm(current.productId().toString(), current.code(), form.name(),
				form.currency(), form.price(), form.interval(), form.includedSeats(), form.extraSeatPrice(),
				form.trialDays()), false);
		if (current.subscriptions() == 0) {
			this.plans.updatePlanTerms(planId, revised);
			this.audit.record(AuditEntry.of(adminId, adminEmail, "PLAN_UPDATED", "plan", planId)
				.withDetails(details(revised, current.version())));
			return plan(planId);
		}
		if (revised.sameTermsAs(current) && revised.name().equals(current.name()) && revised.trialDays() == current.trialDays()) {
			return current;
		}
		UUID id = UUID.randomUUID();
		this.plans.updatePlanOffered(planId, false);
		this.plans.insertPlan(id, revised, current.version() + 1);
		this.audit.record(AuditEntry.of(adminId, adminEmail, "PLAN_VERSION_CREATED", "plan", id)
			.withDetails(Map.of("previous", planId.toString(), "terms", details(revised, current.version() + 1))));
		return plan(id);
	}

	private CheckedPlan check(PlanForm form, boolean isNew) {
		BillingInputException.Problems problems = new BillingInputException.Problems();
		UUID productId = null;
		try {
			productId = UUID.fromString(text(form.productId()));
		}
		catch (IllegalArgumentException ex) {
			problems.add("productId", "Choose a product.");
		}
		if (productId != null && isNew && !this.plans.existsProduct(productId)) {
			problems.add("productId", "Choose a product.");
		}
		String code = text(form.code());
		if (!CODE.matcher(code).matches()) {
			problems.add("code", "A code is 2 to 40 lowercase letters, digits or dashes, starting with a letter (e.g. team-pro).");
		}
		else if (isNew && productId != null && this.plans.existsPlanCode(productId, code)) {
			problems.add("code", "This product already has a plan " + code + ": edit it to create a new version.");
		}
		String name = text(form.name());
		if (name.isEmpty() || name.length() > 100) {
			problems.add("name", "Enter a name of at most 100 characters.");
		}
		String currency = text(form.currency()).toUpperCase(java.util.Locale.ROOT);
		if (!Money.Currencies.isKnown(currency)) {
			problems.add("currency", "\"" + text(form.currency()) + "\" is not an ISO 4217 currency code (e.g. EUR, JPY, BHD).");
		}
		Long price = Amounts.wholeNumber(form.price());
		if (price == null) {
			problems.add("price", "Enter the price as a whole number of the currency's minor unit (e.g. 1250 for 12.50 EUR), not negative.");
		}
		else if (price > MAX_PRICE_MINOR) {
			problems.add("price", "Enter a price of at most " + MAX_PRICE_MINOR + " minor units.");
		}
		BillingInterval interval = null;
		try {
			interval = BillingInterval.valueOf(text(form.interval()));
		}
		catch (IllegalArgumentException ex) {
			problems.add("interval", "Choose monthly or yearly.");
		}
		Long seats = Amounts.wholeNumber(form.includedSeats());
		if (seats == null || seats < 1 || seats > 100_000) {
			problems.add("includedSeats", "A plan includes at least 1 seat (a whole number).");
		}
		Long seatPrice = Amounts.wholeNumber(form.extraSeatPrice());
		if (seatPrice == null) {
			problems.add("extraSeatPrice", "Enter the price of an extra seat as a whole number of minor units, not negative.");
		}
		else if (seatPrice > MAX_PRICE_MINOR) {
			problems.add("extraSeatPrice", "Enter a price of at most " + MAX_PRICE_MINOR + " minor units for an extra seat.");
		}
		Long trial = Amounts.wholeNumber(form.trialDays());
		if (trial == null || trial > 365) {
			problems.add("trialDays", "Enter a trial of 0 to 365 days.");
		}
		problems.throwIfAny();
		return new CheckedPlan(productId, code, name, currency, price, interval, seats.intValue(), seatPrice,
				trial.intValue());
	}

	private static Map<String, Object> details(CheckedPlan plan, int version) {
		return Map.of("code", plan.code(), "version", version, "currency", plan.currency(), "priceMinor",
				plan.priceMinor(), "interval", plan.billingInterval().name(), "includedSeats", plan.includedSeats(),
				"extraSeatPriceMinor", plan.extraSeatPriceMinor(), "trialDays", plan.trialDays());
	}

	private static String text(String typed) {
		return (typed != null) ? typed.strip() : "";
	}

}
