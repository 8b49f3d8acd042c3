package com.aventian.portal.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The unused part of a billing period, in whole days of the team's billing time zone: a change made on
 * a day counts that day as unused (the change applies from its start). Periods start and end at local
 * midnight, so a period of March has 31 days whatever its daylight-saving change.
 */
record Proration(long unusedDays, long totalDays) {

	Proration {
		if (totalDays < 1 || unusedDays < 0 || unusedDays > totalDays) {
			throw new IllegalArgumentException("unused " + unusedDays + " of " + totalDays + " days");
		}
	}

	static Proration of(Instant periodStart, Instant periodEnd, Instant now, ZoneId zone) {
		LocalDate start = LocalDate.ofInstant(periodStart, zone);
		LocalDate end = LocalDate.ofInstant(periodEnd, zone);
		LocalDate today = LocalDate.ofInstant(now, zone);
		long total = ChronoUnit.DAYS.between(start, end);
		long unused = ChronoUnit.DAYS.between(today.isBefore(start) ? start : today, end);
		return new Proration(Math.max(0, Math.min(unused, total)), total);
	}

	/**
	 * {@code amount x unusedDays / totalDays} in minor units, rounded half up (away from zero for negative
	 * amounts), in exact integer arithmetic.
	 */
	Money of(Money amount) {
		long numerator = Math.multiplyExact(Math.abs(amount.minor()), this.unusedDays);
		long rounded = Math.addExact(Math.multiplyExact(numerator, 2), this.totalDays) / Math.multiplyExact(this.totalDays, 2);
		return new Money(amount.minor() < 0 ? -rounded : rounded, amount.currency());
	}

	String describe() {
		return this.unusedDays + " of " + this.totalDays + " days";
	}

}
