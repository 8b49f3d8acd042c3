package com.aventian.portal.team;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A members row's two dates in one locale, as the patterns {@code d MMM yyyy} and {@code d MMM yyyy HH:mm} write
 * them: a day, the locale's short month name, a four-digit year (and the time). Through {@link DateTimeFormatter}
 * the two took about 2% of the htmx list (a print context and the pattern's parts walked for each of 40 dates per
 * page; issue 10); here they are a few appends. The month names are the formatter's own, and the locale is used this
 * way only if, for every month, the formatter wrote exactly what the appends write; otherwise (and for years outside
 * 1000-9999, which the pattern pads or signs) the formatter writes the date.
 */
final class RowDates {

	private static final String JOINED = "d MMM yyyy";

	private static final String LAST_ACTIVE = "d MMM yyyy HH:mm";

	private final DateTimeFormatter joined;

	private final DateTimeFormatter lastActive;

	/** The short month names as the patterns write them; null when the locale's dates are left to the formatter. */
	private final String[] months;

	RowDates(Locale locale) {
		this.joined = DateTimeFormatter.ofPattern(JOINED, locale);
		this.lastActive = DateTimeFormatter.ofPattern(LAST_ACTIVE, locale);
		this.months = monthsWrittenAsAppended(locale);
	}

	String joined(Instant when, ZoneId zone) {
		LocalDateTime time = LocalDateTime.ofInstant(when, zone);
		return appended(time) ? day(new StringBuilder(16), time).toString() : this.joined.format(time);
	}

	String lastActive(Instant when, ZoneId zone) {
		LocalDateTime time = LocalDateTime.ofInstant(when, zone);
		return appended(time) ? time(day(new StringBuilder(24), time), time).toString() : this.lastActive.format(time);
	}

	private boolean appended(LocalDateTime time) {
		return this.months != null && time.getYear() >= 1000 && time.getYear() <= 9999;
	}

	private StringBuilder day(StringBuilder out, LocalDateTime time) {
		return out.append(time.getDayOfMonth()).append(' ').append(this.months[time.getMonthValue() - 1]).append(' ')
			.append(time.getYear());
	}

	private static StringBuilder time(StringBuilder out, LocalDateTime time) {
		return twoDigits(twoDigits(out.append(' '), time.getHour()).append(':'), time.getMinute());
	}

	private static StringBuilder twoDigits(StringBuilder out, int value) {
		return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
	}

	private String[] monthsWrittenAsAppended(Locale locale) {
		DateTimeFormatter month = DateTimeFormatter.ofPattern("MMM", locale);
		String[] names = new String[12];
		for (int i = 0; i < 12; i++) {
			names[i] = month.format(LocalDateTime.of(2000, i + 1, 1, 0, 0));
		}
		for (int i = 0; i < 12; i++) {
			LocalDateTime sample = LocalDateTime.of(2026, i + 1, (i % 2 == 0) ? 7 : 28, i, 5 * i);
			String expected = sample.getDayOfMonth() + " " + names[i] + " 2026";
			if (!this.joined.format(sample).equals(expected) || !this.lastActive.format(sample)
				.equals(expected + String.format(" %02d:%02d", sample.getHour(), sample.getMinute()))) {
				return null;
			}
		}
		return names;
	}

}
