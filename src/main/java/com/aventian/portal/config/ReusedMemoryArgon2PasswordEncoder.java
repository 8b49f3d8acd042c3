package com.aventian.portal.config;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.PasswordConverter;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.keygen.BytesKeyGenerator;
import org.springframework.security.crypto.keygen.KeyGenerators;
import org.springframework.security.crypto.password.AbstractValidatingPasswordEncoder;

/**
 * Spring's {@link Argon2PasswordEncoder} with the same parameters, the same encoded form
 * ({@code $argon2id$v=19$m=...,t=...,p=...$salt$hash}, Base64 without padding) and the same answers, but
 * hashing in memory kept from one hash to the next ({@link Argon2idMemory}): at most {@code areas} areas
 * are kept (the hashing permits), so a sign-in allocates kilobytes instead of 19 MiB. A stored hash with
 * other parameters or of another Argon2 type is checked by Spring's encoder, as before; a null or empty
 * password or hash is answered by the common base class as Spring's encoder answers it.
 */
final class ReusedMemoryArgon2PasswordEncoder extends AbstractValidatingPasswordEncoder {

	private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();

	private final Argon2PasswordEncoder spring;

	private final BytesKeyGenerator salts;

	private final int hashLength;

	private final int memoryKiB;

	private final int iterations;

	private final int lanes;

	/** The stored form of a hash this encoder computes itself: its parameters, then salt and hash. */
	private final Pattern ours;

	private final BlockingQueue<Argon2idMemory> areas;

	ReusedMemoryArgon2PasswordEncoder(int saltLength, int hashLength, int lanes, int memoryKiB, int iterations, int areas) {
		this.spring = new Argon2PasswordEncoder(saltLength, hashLength, lanes, memoryKiB, iterations);
		this.salts = KeyGenerators.secureRandom(saltLength);
		this.hashLength = hashLength;
		this.memoryKiB = memoryKiB;
		this.iterations = iterations;
		this.lanes = lanes;
		this.ours = Pattern.compile(Pattern.quote(prefix()) + "\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
		this.areas = new ArrayBlockingQueue<>(areas);
	}

	@Override
	protected String encodeNonNullPassword(String rawPassword) {
		byte[] salt = this.salts.generateKey();
		byte[] hash = hash(rawPassword, salt, this.hashLength);
		return prefix() + "$" + BASE64.encodeToString(salt) + "$" + BASE64.encodeToString(hash);
	}

	@Override
	protected boolean matchesNonNull(String rawPassword, String encodedPassword) {
		Matcher stored = this.ours.matcher(encodedPassword);
		if (!stored.matches()) {
			return this.spring.matches(rawPassword, encodedPassword);
		}
		byte[] salt;
		byte[] expected;
		try {
			salt = Base64.getDecoder().decode(stored.group(1));
			expected = Base64.getDecoder().decode(stored.group(2));
		}
		catch (IllegalArgumentException ex) {
			return this.spring.matches(rawPassword, encodedPassword);
		}
		if (expected.length < 4) {
			return this.spring.matches(rawPassword, encodedPassword);
		}
		// constant time, as Spring's encoder compares
		return MessageDigest.isEqual(expected, hash(rawPassword, salt, expected.length));
	}

	@Override
	protected boolean upgradeEncodingNonNull(String encodedPassword) {
		return this.spring.upgradeEncoding(encodedPassword);
	}

	private byte[] hash(String rawPassword, byte[] salt, int length) {
		// the bytes Spring's encoder hashes: Bouncy Castle's UTF-8 conversion of the characters
		byte[] password = PasswordConverter.UTF8.convert(rawPassword.toCharArray());
		Argon2idMemory area = this.areas.poll();
		if (area == null) {
			area = new Argon2idMemory(this.memoryKiB, this.iterations, this.lanes);
		}
		try {
			return area.hash(password, salt, length);
		}
		finally {
			Arrays.fill(password, (byte) 0);
			// kept for the next hash unless as many areas as permits are already kept
			this.areas.offer(area);
		}
	}

	private String prefix() {
		return "$argon2id$v=" + Argon2idMemory.VERSION + "$m=" + this.memoryKiB + ",t=" + this.iterations + ",p="
				+ this.lanes;
	}

}
