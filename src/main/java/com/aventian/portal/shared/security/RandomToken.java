package com.aventian.portal.shared.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A secret for a link sent by e-mail: 256 random bits, URL-safe. Only its SHA-256 hash is stored, so a
 * copy of the database opens no link. The tokens carry full entropy, so an unsalted hash is enough.
 */
public record RandomToken(String value, byte[] hash) {

	private static final SecureRandom RANDOM = new SecureRandom();

	public static RandomToken generate() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		return new RandomToken(value, hashOf(value));
	}

	public static byte[] hashOf(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	@Override
	public String toString() {
		// never print the secret
		return "RandomToken[value=****]";
	}

}
