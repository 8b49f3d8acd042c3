package com.aventian.portal.config;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.PasswordConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>
 * A stored hash is data, and data can be damaged or written by an intruder: one with impossible
 * parameters (no iterations, no lanes) is a refusal rather than an exception, and one asking for more
 * than {@value #HEADROOM} times our memory or iterations is refused without hashing. Spring's encoder
 * would spend minutes on {@code t=2000}, or end the JVM on {@code m=1073741824}, at every sign-in
 * attempt for that e-mail, each holding a hashing permit. The headroom lets a later release raise the
 * parameters and still be rolled back.
 */
final class ReusedMemoryArgon2PasswordEncoder extends AbstractValidatingPasswordEncoder {

	private static final Logger log = LoggerFactory.getLogger(ReusedMemoryArgon2PasswordEncoder.class);

	private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();

	/** How many times our memory and iterations a stored hash may ask for and still be checked. */
	static final int HEADROOM = 4;

	/** The cost parameters of any Argon2 hash in Spring's encoded form (the version is optional there). */
	private static final Pattern COSTS = Pattern.compile("^\\$argon2(?:id|i|d)\\$(?:v=\\d+\\$)?m=(\\d{1,10}),t=(\\d{1,10}),p=\\d+\\$");

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
			return matchesOtherParameters(rawPassword, encodedPassword);
		}
		byte[] salt;
		byte[] expected;
		try {
			salt = Base64.getDecoder().decode(stored.group(1));
			expected = Base64.getDecoder().decode(stored.group(2));
		}
		catch (IllegalArgumentException ex) {
			return matchesOtherParameters(rawPassword, encodedPassword);
		}
		if (expected.length < 4) {
			return matchesOtherParameters(rawPassword, encodedPassword);
		}
		// constant time, as Spring's encoder compares
		return MessageDigest.isEqual(expected, hash(rawPassword, salt, expected.length));
	}

	/** Spring's answer for a hash of other parameters, unless the hash asks for far more work than ours. */
	private boolean matchesOtherParameters(String rawPassword, String encodedPassword) {
		Matcher costs = COSTS.matcher(encodedPassword);
		if (costs.find() && (Long.parseLong(costs.group(1)) > (long) HEADROOM * this.memoryKiB
				|| Long.parseLong(costs.group(2)) > (long) HEADROOM * this.iterations)) {
			// the hash itself is never logged: it is what a guesser would want
			log.warn("Stored password hash refused without hashing: it asks for more than {} times our Argon2 cost", HEADROOM);
			return false;
		}
		try {
			return this.spring.matches(rawPassword, encodedPassword);
		}
		catch (RuntimeException ex) {
			// Bouncy Castle refusing the parameters (no iterations, no lanes, too little memory for them),
			// Spring's parser refusing an unknown version or failing on an empty hash part
			log.warn("Stored password hash refused: {}", ex.toString());
			return false;
		}
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
