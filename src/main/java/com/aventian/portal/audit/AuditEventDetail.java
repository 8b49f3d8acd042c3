package com.aventian.portal.audit;

import java.util.List;

/**
 * An event as its detail page shows it: what changed, before and after side by side, and the facts that
 * describe the change without being changed by it.
 */
public record AuditEventDetail(AuditEvent event, List<Change> changes, List<Fact> facts) {

	/** One changed value; {@code before} is null for something new, {@code after} for something gone. */
	public record Change(String field, String before, String after) {
	}

	public record Fact(String name, String value) {
	}

}
