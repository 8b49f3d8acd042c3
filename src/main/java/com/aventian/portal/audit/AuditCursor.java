package com.aventian.portal.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a keyset page ends: the time and id of its last row, written into the "older" link as
 * {@code <microseconds since 1970>.<id>}. The next page starts strictly below it, so a page costs the same
 * however deep it is (no OFFSET), and rows written meanwhile never shift a page.
 */
record AuditCursor(Instant at, long id) {

	private static final Pattern FORMAT = Pattern.compile("(-?\\d{1,19})\\.(\\d{1,19})");

	static AuditCursor after(Instant at, long id) {
		return new AuditCursor(at, id);
	}

	/** The cursor of a link, or empty when it is not one (a hand-edited link starts at the newest rows). */
	static Optional<AuditCursor> parse(String text) {
		if (text == null) {
			return Optional.empty();
		}
		Matcher matcher = FORMAT.matcher(text.strip());
		if (!matcher.matches()) {
			return Optional.empty();
		}
		try {
			long micros = Long.parseLong(matcher.group(1));
			Instant at = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
			return Optional.of(new AuditCursor(at, Long.parseLong(matcher.group(2))));
		}
		catch (ArithmeticException | NumberFormatException | java.time.DateTimeException ex) {
			return Optional.empty();
		}
	}

	String text() {
		return ChronoUnit.MICROS.between(Instant.EPOCH, this.at) + "." + this.id;
	}

}
