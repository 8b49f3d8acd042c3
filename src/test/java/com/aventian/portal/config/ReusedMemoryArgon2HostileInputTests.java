package com.aventian.portal.config;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The hand-written Argon2id as an attacker would probe it: any password (empty, non-ASCII, supplementary
 * characters, very long), any salt and tag length a stored hash may carry, checked against Bouncy Castle's
 * RFC 9106 generator; hashes on many threads at once never share memory; a damaged or hostile stored hash
 * is a refusal, never an exception or a denial of service.
 */
class ReusedMemoryArgon2HostileInputTests {

	private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();

	private static final String OURS = "$argon2id$v=19$m=19456,t=2,p=1$";

	private final ReusedMemoryArgon2PasswordEncoder portal = new ReusedMemoryArgon2PasswordEncoder(16, 32, 1, 19456, 2, 2);

	private final Argon2PasswordEncoder spring = new Argon2PasswordEncoder(16, 32, 1, 19456, 2);

	@Test
	void randomPasswordsSaltsAndTagLengthsVerifyExactlyAsBouncyCastleComputesThem() {
		Random random = new Random(20261129L);
		for (int i = 0; i < 24; i++) {
			String password = randomPassword(random, i);
			byte[] salt = new byte[8 + random.nextInt(57)];
			random.nextBytes(salt);
			int tagLength = 4 + random.nextInt(125);
			byte[] tag = bouncyCastle(password, salt, tagLength);
			String stored = OURS + BASE64.encodeToString(salt) + "$" + BASE64.encodeToString(tag);
			tag[random.nextInt(tag.length)] ^= (byte) (1 << random.nextInt(8));
			String flipped = OURS + BASE64.encodeToString(salt) + "$" + BASE64.encodeToString(tag);

			assertThat(this.portal.matches(password, stored)).as("case %d, %d chars", i, password.length()).isTrue();
			assertThat(this.portal.matches(password, flipped)).as("case %d flipped", i).isFalse();
			assertThat(this.portal.matches(password + "x", stored)).as("case %d other password", i).isFalse();
		}
	}

	@Test
	void theEmptyPasswordAndALoneSurrogateGetSpringsAnswers() {
		for (String password : new String[] { "", "\uD83D", "a\uDC00b", "\u0000", "ǅ\u0301\u200B" }) {
			String storedBySpring = this.spring.encode("something else");
			assertThat(answerOf(() -> this.portal.matches(password, storedBySpring)))
				.isEqualTo(answerOf(() -> this.spring.matches(password, storedBySpring)));
			if (!password.isEmpty() && answerOf(() -> this.spring.encode(password)).equals("ok")) {
				assertThat(this.portal.matches(password, this.spring.encode(password))).isTrue();
				assertThat(this.spring.matches(password, this.portal.encode(password))).isTrue();
			}
		}
	}

	@Test
	void passwordsHashedOnManyThreadsAtOnceEachVerifyWithSpringsEncoder() throws Exception {
		int threads = 8;
		ExecutorService clients = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<String[]>> hashed = new ArrayList<>();
			for (int i = 0; i < threads * 2; i++) {
				String password = "password number " + i + " ✓";
				hashed.add(clients.submit(() -> {
					start.await();
					return new String[] { password, this.portal.encode(password) };
				}));
			}
			start.countDown();
			for (Future<String[]> one : hashed) {
				String[] passwordAndHash = one.get();
				assertThat(this.spring.matches(passwordAndHash[0], passwordAndHash[1])).as(passwordAndHash[0]).isTrue();
			}
		}
		finally {
			clients.shutdownNow();
		}
	}

	@Test
	void damagedStoredHashesAreRefusedWithoutAnException() {
		String salt = BASE64.encodeToString("saltsaltsalt".getBytes(StandardCharsets.US_ASCII));
		String tag = BASE64.encodeToString(new byte[32]);
		String[] stored = { "$argon2id$v=19$m=-1,t=2,p=1$" + salt + "$" + tag,
				"$argon2id$v=19$m=99999999999,t=2,p=1$" + salt + "$" + tag,
				"$argon2id$v=19$m=19456,t=0,p=1$" + salt + "$" + tag,
				"$argon2id$v=19$m=19456,t=-7,p=1$" + salt + "$" + tag,
				"$argon2id$v=19$m=19456,t=2,p=0$" + salt + "$" + tag,
				"$argon2id$v=19$m=19456,t=2,p=-1$" + salt + "$" + tag,
				"$argon2id$v=19$m=4,t=2,p=1$" + salt + "$" + tag,
				"$argon2id$v=7$m=19456,t=2,p=1$" + salt + "$" + tag,
				"$argon2id$v=19$m=19456,t=2,p=1$A$" + tag,
				"$argon2id$v=19$m=19456,t=2,p=1$" + salt + "$A",
				"$argon2id$v=19$m=19456,t=2,p=1$$" + tag,
				"$argon2id$v=19$m=19456,t=2,p=1$" + salt + "$",
				"$argon2id$v=19$m=19456,t=2,p=1$!!$!!",
				"$argon2x$v=19$m=19456,t=2,p=1$" + salt + "$" + tag,
				"$argon2id$v=19$m=19456,t=2,p=1",
				"plain text that was never hashed" };
		for (String hostile : stored) {
			assertThatCode(() -> assertThat(this.portal.matches("secret", hostile)).isFalse()).as(hostile)
				.doesNotThrowAnyException();
		}
	}

	@Test
	void aStoredHashAskingForFarMoreWorkThanOursIsRefusedAtOnce() {
		String salt = BASE64.encodeToString("saltsaltsalt".getBytes(StandardCharsets.US_ASCII));
		String tag = BASE64.encodeToString(new byte[32]);
		// 200 passes over 19 MiB, or 1 TiB: a hash row an intruder (or a bad import) wrote would hold a
		// hashing permit for seconds (minutes at t=2000), or end the JVM, at every sign-in attempt for that e-mail
		String[] costly = { "$argon2id$v=19$m=19456,t=200,p=1$" + salt + "$" + tag,
				"$argon2id$v=19$m=1073741824,t=2,p=1$" + salt + "$" + tag };
		for (String hostile : costly) {
			long start = System.nanoTime();
			boolean answer = this.portal.matches("secret", hostile);
			assertThat(answer).isFalse();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as(hostile).isLessThan(Duration.ofSeconds(2));
		}
	}

	private static String answerOf(java.util.function.Supplier<Object> check) {
		try {
			return (check.get() instanceof Boolean answer) ? String.valueOf(answer) : "ok";
		}
		catch (RuntimeException ex) {
			return ex.getClass().getName();
		}
	}

	private static byte[] bouncyCastle(String password, byte[] salt, int tagLength) {
		Argon2BytesGenerator generator = new Argon2BytesGenerator();
		generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
			.withSalt(salt)
			.withParallelism(1)
			.withMemoryAsKB(19456)
			.withIterations(2)
			.build());
		byte[] tag = new byte[tagLength];
		generator.generateBytes(password.toCharArray(), tag);
		return tag;
	}

	/** Plain, Latin, CJK, emoji (surrogate pairs), combining marks; a few very long ones. */
	private static String randomPassword(Random random, int i) {
		int length = switch (i % 6) {
			case 0 -> 1;
			case 1 -> 1 + random.nextInt(16);
			case 2 -> 64 + random.nextInt(200);
			case 3 -> 1000 + random.nextInt(1000);
			case 4 -> 100_000;
			default -> 1 + random.nextInt(72);
		};
		int[][] ranges = { { 0x20, 0x7E }, { 0xA0, 0x24F }, { 0x4E00, 0x9FFF }, { 0x1F300, 0x1FAFF }, { 0x300, 0x36F },
				{ 0x1, 0x1F } };
		StringBuilder password = new StringBuilder();
		while (password.length() < length) {
			int[] range = ranges[random.nextInt(ranges.length)];
			password.appendCodePoint(range[0] + random.nextInt(range[1] - range[0] + 1));
		}
		return password.toString();
	}

}
