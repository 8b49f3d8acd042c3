package com.aventian.portal.billing;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** How often a plan bills. Periods run from local midnight to local midnight in the team's time zone. */
public enum BillingInterval {

	MONTH, YEAR;

	Instant after(Instant start, ZoneId zone) {
		ZonedDateTime local = start.atZone(zone);
		return ((this == MONTH) ? local.plusMonths(1) : local.plusYears(1)).toInstant();
	}

	/** Longer periods rank higher: moving from monthly to yearly is an upgrade. */
	boolean longerThan(BillingInterval other) {
		return ordinal() > other.ordinal();
	}

	static Instant startOfDay(Instant now, ZoneId zone) {
		return now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
	}

	static Instant daysAfter(Instant start, int days, ZoneId zone) {
		return start.atZone(zone).plusDays(days).toInstant();
	}

}
