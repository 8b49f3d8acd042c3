package com.aventian.portal.team;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RowDatesTests {

	private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Europe/Berlin"),
			ZoneId.of("America/St_Johns"), ZoneId.of("Asia/Kathmandu"), ZoneId.of("Pacific/Kiritimati"),
			ZoneId.systemDefault());

	@Test
	void everyLocaleGetsExactlyWhatTheFormattersPatternsWrite() {
		// given instants across the years the portal shows, every month, both sides of DST changes and minute edges
		Random random = new Random(10);
		List<Instant> instants = new ArrayList<>(List.of(Instant.parse("2026-03-29T00:59:59Z"),
				Instant.parse("2026-10-25T01:00:00Z"), Instant.parse("2026-12-31T23:59:59Z"),
				Instant.parse("2027-01-01T00:00:00Z"), Instant.parse("2024-02-29T12:00:00Z")));
		for (int i = 0; i < 60; i++) {
			instants.add(Instant.ofEpochSecond(946684800L + (long) (random.nextDouble() * 1_600_000_000L)));
		}
		List<Locale> locales = new ArrayList<>(List.of(Locale.getAvailableLocales()));
		locales.addAll(List.of(Locale.forLanguageTag("ar-EG-u-nu-arab"), Locale.forLanguageTag("th-TH-u-ca-buddhist-nu-thai"),
				Locale.forLanguageTag("ja-JP-u-ca-japanese"), Locale.forLanguageTag("de-DE-u-rg-chzzzz"), Locale.ROOT));

		for (Locale locale : locales) {
			RowDates dates = new RowDates(locale);
			DateTimeFormatter joined = DateTimeFormatter.ofPattern("d MMM yyyy", locale);
			DateTimeFormatter lastActive = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", locale);
			for (ZoneId zone : ZONES) {
				for (Instant instant : instants) {
					// when a row writes the two dates, then they are the patterns' own text in that locale and zone
					assertThat(dates.joined(instant, zone)).as("%s %s %s", locale, zone, instant)
						.isEqualTo(joined.withZone(zone).format(instant));
					assertThat(dates.lastActive(instant, zone)).as("%s %s %s", locale, zone, instant)
						.isEqualTo(lastActive.withZone(zone).format(instant));
				}
			}
		}
	}

	@Test
	void yearsThePatternPadsOrSignsAreLeftToTheFormatter() {
		RowDates dates = new RowDates(Locale.ENGLISH);
		for (String text : List.of("0999-05-01T10:00:00Z", "0001-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
				"-0044-03-15T12:00:00Z")) {
			Instant instant = Instant.parse(text);
			assertThat(dates.joined(instant, ZoneId.of("UTC")))
				.isEqualTo(DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneId.of("UTC")).format(instant));
			assertThat(dates.lastActive(instant, ZoneId.of("UTC"))).isEqualTo(
					DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH).withZone(ZoneId.of("UTC")).format(instant));
		}
	}

}
