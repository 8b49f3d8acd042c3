package com.aventian.portal.billing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The arithmetic of plan changes: whole days of the team's time zone, integer minor units, half up. */
class ProrationTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	@ParameterizedTest(name = "{0}: {1} {2} x unused of [{3}, {4}) on {5} = {6}")
	@CsvSource({
			// case, amount, currency, period start, period end (exclusive), change day, prorated
			"first day,          3000, EUR, 2026-03-01, 2026-04-01, 2026-03-01, 3000",
			"middle,             3000, EUR, 2026-03-01, 2026-04-01, 2026-03-16, 1548",
			"last day,           3000, EUR, 2026-03-01, 2026-04-01, 2026-03-31,   97",
			"30-day month,       3000, EUR, 2026-04-01, 2026-05-01, 2026-04-16, 1500",
			"February,           2800, EUR, 2026-02-01, 2026-03-01, 2026-02-15, 1400",
			"0 decimals (JPY),   1000, JPY, 2026-03-01, 2026-04-01, 2026-03-16,  516",
			"0 decimals last,    1000, JPY, 2026-03-01, 2026-04-01, 2026-03-31,   32",
			"3 decimals (BHD),  10000, BHD, 2026-03-01, 2026-04-01, 2026-03-16, 5161",
			"year middle,      120000, EUR, 2026-01-01, 2027-01-01, 2026-07-02, 60164",
			"credit (negative), -3000, EUR, 2026-03-01, 2026-04-01, 2026-03-16, -1548" })
	void proratesTheUnusedDaysOfThePeriodInMinorUnits(String name, long amount, String currency, LocalDate start,
			LocalDate end, LocalDate changeDay, long expected) {
		// given a period from local midnight to local midnight in Berlin, and a change at 15:00 local time
		Instant periodStart = start.atStartOfDay(BERLIN).toInstant();
		Instant periodEnd = end.atStartOfDay(BERLIN).toInstant();
		Instant now = changeDay.atTime(15, 0).atZone(BERLIN).toInstant();

		// when the amount is prorated for the unused part
		Money prorated = Proration.of(periodStart, periodEnd, now, BERLIN).of(new Money(amount, currency));

		// then it is exact in minor units, the change day counted as unused
		assertThat(prorated).isEqualTo(new Money(expected, currency));
	}

	@Test
	void aMarchWithTheDaylightSavingChangeStillHas31Days() {
		Instant start = LocalDate.of(2026, 3, 1).atStartOfDay(BERLIN).toInstant();
		Instant end = BillingInterval.MONTH.after(start, BERLIN);

		Proration proration = Proration.of(start, end, start, BERLIN);

		assertThat(proration).isEqualTo(new Proration(31, 31));
		assertThat(end).isEqualTo(LocalDate.of(2026, 4, 1).atStartOfDay(BERLIN).toInstant());
	}

	@Test
	void theDayIsTheTeamsDayNotUtcs() {
		// given a period of March in Tokyo, and 16 March 08:00 there (still 15 March in UTC)
		ZoneId tokyo = ZoneId.of("Asia/Tokyo");
		Instant start = LocalDate.of(2026, 3, 1).atStartOfDay(tokyo).toInstant();
		Instant end = LocalDate.of(2026, 4, 1).atStartOfDay(tokyo).toInstant();
		Instant sixteenthInTokyo = LocalDate.of(2026, 3, 16).atTime(8, 0).atZone(tokyo).toInstant(); // 15 March 23:00 UTC

		// when prorated in the team's zone
		Proration inTokyo = Proration.of(start, end, sixteenthInTokyo, tokyo);

		// then Tokyo's calendar counts: 16 days left of 31
		assertThat(inTokyo).isEqualTo(new Proration(16, 31));
	}

	@Test
	void anUpgradeFromMonthToYearCreditsTheMonthAndChargesTheNewYear() {
		// given a month of 3000 EUR half used, moving to a yearly plan of 30000 EUR
		Instant start = LocalDate.of(2026, 3, 1).atStartOfDay(BERLIN).toInstant();
		Instant end = BillingInterval.MONTH.after(start, BERLIN);
		Instant now = LocalDate.of(2026, 3, 16).atTime(10, 0).atZone(BERLIN).toInstant();

		// when the credit of the month is computed and the year starts today
		Money credit = Proration.of(start, end, now, BERLIN).of(new Money(3000, "EUR")).negate();
		Instant yearStart = BillingInterval.startOfDay(now, BERLIN);
		Instant yearEnd = BillingInterval.YEAR.after(yearStart, BERLIN);

		// then 16 of 31 days are credited and the new period is a whole year from today
		assertThat(credit).isEqualTo(new Money(-1548, "EUR"));
		assertThat(new Money(30000, "EUR").plus(credit)).isEqualTo(new Money(28452, "EUR"));
		assertThat(LocalDate.ofInstant(yearEnd, BERLIN)).isEqualTo(LocalDate.of(2027, 3, 16));
	}

	@Test
	void moneyShowsTheCurrencysOwnDecimals() {
		assertThat(new Money(1250, "EUR").display()).isEqualTo("12.50 EUR");
		assertThat(new Money(1250, "JPY").display()).isEqualTo("1250 JPY");
		assertThat(new Money(1250, "BHD").display()).isEqualTo("1.250 BHD");
		assertThat(new Money(-5, "EUR").display()).isEqualTo("-0.05 EUR");
	}

	@Test
	void unknownCurrenciesAndMismatchedSumsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Money(1, "EUX"));
		assertThatIllegalArgumentException().isThrownBy(() -> new Money(1, "XAU"));
		assertThatIllegalArgumentException().isThrownBy(() -> new Money(1, "eur"));
		assertThatIllegalArgumentException().isThrownBy(() -> new Money(1, "EUR").plus(new Money(1, "USD")));
	}

	@Test
	void sumsThatWouldOverflowThrowInsteadOfWrapping() {
		Money huge = new Money(Long.MAX_VALUE, "EUR");
		org.assertj.core.api.Assertions.assertThatExceptionOfType(ArithmeticException.class)
			.isThrownBy(() -> huge.plus(new Money(1, "EUR")));
	}

}
