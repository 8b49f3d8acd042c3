package com.aventian.portal.audit;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The viewer's filter as typed (query parameters, so a filtered view is a link to share and the CSV export
 * gets the same filter). {@link #validate} turns it into an {@link AuditFilter} or says, per field, what is
 * wrong; nothing typed ever reaches a query unchecked.
 */
public record AuditFilterForm(String actor, String action, String target, String text, String team, String product,
		String from, String to) {

	/** Longer than any e-mail address, id or target the portal stores. */
	static final int MAX_LENGTH = 254;

	/** The earliest day anyone may ask for: nothing of the portal is older. */
	static final LocalDate EARLIEST = LocalDate.of(2020, 1, 1);

	public AuditFilterForm {
		actor = clean(actor);
		action = clean(action);
		target = clean(target);
		text = clean(text);
		team = clean(team);
		product = clean(product);
		from = clean(from);
		to = clean(to);
	}

	public static AuditFilterForm empty() {
		return new AuditFilterForm(null, null, null, null, null, null, null, null);
	}

	/**
	 * The filter, or the fields' messages; {@code knownAction} says which actions the list filtered has (audit
	 * events or login activity), and a team filter is only for a platform-wide reader.
	 */
	public Validated validate(boolean platform, Predicate<String> knownAction, Clock clock) {
		Map<String, String> errors = new LinkedHashMap<>();
		for (Map.Entry<String, String> field : fields().entrySet()) {
			if (field.getValue() != null && field.getValue().length() > MAX_LENGTH) {
				errors.put(field.getKey(), "At most " + MAX_LENGTH + " characters.");
			}
		}
		String action = (this.action != null) ? this.action.toUpperCase(Locale.ROOT) : null;
		if (action != null && !errors.containsKey("action") && !knownAction.test(action)) {
			errors.put("action", "Unknown action: choose one from the list.");
		}
		if (this.target != null && !errors.containsKey("target") && !AuditActions.TARGET_TYPES.contains(this.target)) {
			errors.put("target", "Unknown target type: choose one from the list.");
		}
		UUID team = null;
		if (this.team != null && !errors.containsKey("team")) {
			if (!platform) {
				errors.put("team", "Only platform admins filter by team.");
			}
			else {
				team = uuid(this.team, "team", "Team must be a team id (a UUID).", errors);
			}
		}
		UUID product = (this.product != null && !errors.containsKey("product"))
				? uuid(this.product, "product", "Product must be a product id (a UUID).", errors) : null;
		LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
		LocalDate from = day(this.from, "from", today, errors);
		LocalDate to = day(this.to, "to", today, errors);
		if (from != null && to != null && from.isAfter(to)) {
			errors.put("to", "The end date is before the start date.");
		}
		if (!errors.isEmpty()) {
			return new Validated(null, errors);
		}
		return new Validated(new AuditFilter(this.actor, action, this.target, this.text, team, product, from, to), errors);
	}

	private Map<String, String> fields() {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("actor", this.actor);
		fields.put("action", this.action);
		fields.put("target", this.target);
		fields.put("text", this.text);
		fields.put("team", this.team);
		fields.put("product", this.product);
		fields.put("from", this.from);
		fields.put("to", this.to);
		return fields;
	}

	private static UUID uuid(String value, String field, String message, Map<String, String> errors) {
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			errors.put(field, message);
			return null;
		}
	}

	private static LocalDate day(String value, String field, LocalDate today, Map<String, String> errors) {
		if (value == null || errors.containsKey(field)) {
			return null;
		}
		try {
			LocalDate day = LocalDate.parse(value);
			if (day.isBefore(EARLIEST) || day.isAfter(today.plusDays(1))) {
				errors.put(field, "Choose a day between " + EARLIEST + " and today.");
				return null;
			}
			return day;
		}
		catch (DateTimeParseException ex) {
			errors.put(field, "Enter a date as YYYY-MM-DD.");
			return null;
		}
	}

	private static String clean(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		return value.strip();
	}

	/** The outcome: a filter when {@code errors} is empty. */
	public record Validated(AuditFilter filter, Map<String, String> errors) {

		public boolean isValid() {
			return this.errors.isEmpty();
		}

	}

}
