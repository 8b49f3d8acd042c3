package com.aventian.portal.account;

import java.util.regex.Pattern;

/** What the portal accepts as an e-mail address: one @, a dotted domain, no spaces or angle brackets. */
public final class EmailAddress {

	public static final String PATTERN = "^[^\\s@<>()\\[\\],;:\"]+@[^\\s@<>()\\[\\],;:\"]+\\.[^\\s@<>()\\[\\],;:\".]{2,}$";

	private static final Pattern COMPILED = Pattern.compile(PATTERN);

	public static final int MAX_LENGTH = 320;

	private EmailAddress() {
	}

	public static boolean isValid(String email) {
		return email != null && email.length() <= MAX_LENGTH && COMPILED.matcher(email).matches();
	}

}
