package com.aventian.portal.billing;

import java.util.regex.Pattern;

/** Whole numbers typed on billing forms: digits only, so "12.5", "-3" or "1e3" are refused, not rounded. */
final class Amounts {

	private static final Pattern WHOLE = Pattern.compile("[0-9]{1,15}");

	private Amounts() {
	}

	/** A non-negative whole number, or null (the caller reports the field) when the text is not one. */
	static Long wholeNumber(String typed) {
		String text = (typed != null) ? typed.strip() : "";
		return WHOLE.matcher(text).matches() ? Long.valueOf(text) : null;
	}

}
