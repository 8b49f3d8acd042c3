package com.aventian.portal.account;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the portal accepts as an e-mail address (one @, a dotted domain, no spaces or angle brackets),
 * and the one normal form in which addresses are stored, looked up and counted.
 */
public final class EmailAddress {

	public static final String PATTERN = "^[^\\s@<>()\\[\\],;:\"]+@[^\\s@<>()\\[\\],;:\"]+\\.[^\\s@<>()\\[\\],;:\".]{2,}$";

	private static final Pattern COMPILED = Pattern.compile(PATTERN);

	public static final int MAX_LENGTH = 320;

	private static final String DOTTED_SMALL_I = "i\u0307";

	private EmailAddress() {
	}

	public static boolean isValid(String email) {
		return email != null && email.length() <= MAX_LENGTH && COMPILED.matcher(email).matches();
	}

	/**
	 * The address as the portal keeps and compares it: trimmed, Unicode NFKC (so full-width and other
	 * compatibility forms become their plain letters), lower case by {@link Locale#ROOT}, then NFKC again
	 * (lower-casing can leave decomposed sequences).
	 * <p>
	 * One letter needs a decision: Java lower-cases the Turkish capital {@code İ} (U+0130) to {@code i}
	 * followed by a combining dot above (U+0307), while PostgreSQL's {@code lower()} under a glibc locale
	 * and every mail provider we know treat it as {@code i}. Left alone, {@code İris@x.com} would find the
	 * account {@code iris@x.com} in the database but count its failures under another lockout key. So an
	 * {@code i} with a combining dot above becomes a plain {@code i}: the dot of a small i is already there,
	 * and no real mailbox differs from another only by it. Every sign-in, throttle and lockout key and every
	 * stored address goes through here, so the two spellings are one address everywhere.
	 * Returns null for null, so absent form fields stay absent.
	 */
	public static String normalize(String email) {
		if (email == null) {
			return null;
		}
		String compatible = Normalizer.normalize(email.strip(), Normalizer.Form.NFKC);
		String lower = Normalizer.normalize(compatible.toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
		return lower.replace(DOTTED_SMALL_I, "i").strip();
	}

}
