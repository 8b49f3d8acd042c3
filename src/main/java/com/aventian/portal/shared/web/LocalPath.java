package com.aventian.portal.shared.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * A path on this portal to go on to (the {@code continue} parameter after sign-in), never somewhere
 * else: an open redirect would let a mail link send people from our sign-in page to a look-alike.
 * Accepted: an absolute path with an optional query. Refused: other hosts ({@code //evil},
 * {@code /\evil}, {@code https://evil}, an encoded slash or backslash), schemes, control characters.
 */
public final class LocalPath {

	public static final String PARAMETER = "continue";

	private static final int MAX_LENGTH = 2048;

	private LocalPath() {
	}

	public static Optional<String> of(String candidate) {
		if (candidate == null || candidate.length() > MAX_LENGTH || !candidate.startsWith("/") || candidate.startsWith("//")
				|| candidate.contains("\\")) {
			return Optional.empty();
		}
		String lower = candidate.toLowerCase(Locale.ROOT);
		if (lower.contains("%2f") || lower.contains("%5c") || candidate.chars().anyMatch(Character::isISOControl)) {
			return Optional.empty();
		}
		try {
			URI uri = new URI(candidate);
			return (uri.getScheme() == null && uri.getRawAuthority() == null) ? Optional.of(candidate) : Optional.empty();
		}
		catch (URISyntaxException ex) {
			return Optional.empty();
		}
	}

}
