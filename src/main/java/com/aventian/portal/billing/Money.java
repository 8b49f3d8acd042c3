package com.aventian.portal.billing;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * An amount in the minor unit of an ISO 4217 currency (cents for EUR, yen for JPY, fils for BHD). Money is
 * never a {@code double}: sums are exact and overflow throws. {@link BigDecimal} is used only to show it.
 */
public record Money(long minor, String currency) {

	public Money {
		Currencies.digitsOf(currency);
	}

	Money plus(Money other) {
		sameCurrency(other);
		return new Money(Math.addExact(this.minor, other.minor), this.currency);
	}

	Money negate() {
		return new Money(Math.negateExact(this.minor), this.currency);
	}

	Money times(long quantity) {
		return new Money(Math.multiplyExact(this.minor, quantity), this.currency);
	}

	boolean isZero() {
		return this.minor == 0;
	}

	/** The amount in major units with exactly the currency's decimals, e.g. {@code 12.50 EUR}, {@code 1200 JPY}. */
	public String display() {
		return BigDecimal.valueOf(this.minor, Currencies.digitsOf(this.currency)).toPlainString() + " " + this.currency;
	}

	private void sameCurrency(Money other) {
		if (!this.currency.equals(other.currency)) {
			throw new IllegalArgumentException(this.currency + " and " + other.currency + " do not add up");
		}
	}

	@Override
	public String toString() {
		return display();
	}

	/** The ISO 4217 currencies the portal bills in and their minor units. */
	static final class Currencies {

		private Currencies() {
		}

		/** The number of decimals of the currency (0 for JPY, 2 for EUR, 3 for BHD); unknown codes are refused. */
		static int digitsOf(String code) {
			if (code == null || !code.matches("[A-Z]{3}")) {
				throw new IllegalArgumentException("Unknown currency: " + code);
			}
			Currency currency;
			try {
				currency = Currency.getInstance(code);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("Unknown currency: " + code, ex);
			}
			int digits = currency.getDefaultFractionDigits();
			// funds and metals (XAU, XDR...) have no minor unit: nothing to bill in
			if (digits < 0) {
				throw new IllegalArgumentException("Unknown currency: " + code);
			}
			return digits;
		}

		static boolean isKnown(String code) {
			try {
				digitsOf(code);
				return true;
			}
			catch (IllegalArgumentException ex) {
				return false;
			}
		}

	}

}
