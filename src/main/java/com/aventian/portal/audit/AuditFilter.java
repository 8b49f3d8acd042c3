package com.aventian.portal.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A validated filter of the audit viewer (see {@link AuditFilterForm}); every field optional. Dates are UTC
 * days, both included.
 */
public record AuditFilter(String actor, String action, String targetType, String text, UUID teamId, UUID productId,
		LocalDate from, LocalDate to) {

	public static final AuditFilter NONE = new AuditFilter(null, null, null, null, null, null, null, null);

	/** The first instant shown, or null. */
	public Instant fromInstant() {
		return (this.from != null) ? this.from.atStartOfDay(ZoneOffset.UTC).toInstant() : null;
	}

	/** The first instant no longer shown, or null. */
	public Instant toExclusive() {
		return (this.to != null) ? this.to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant() : null;
	}

	/** The free text as a LIKE pattern matching it anywhere, its own wildcards taken literally. */
	public String textPattern() {
		return (this.text != null)
				? "%" + this.text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" : null;
	}

}
