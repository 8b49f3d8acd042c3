package com.aventian.portal.config;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal's Argon2id hashes in memory it keeps from one hash to the next; every hash must be exactly
 * the one Spring's encoder (Bouncy Castle) makes, both ways, so stored hashes keep verifying.
 */
class ReusedMemoryArgon2PasswordEncoderTests {

	private static final String[] PASSWORDS = { "correct horse battery staple 42", "x", "pässwörd ✓ 🎉 with ünïcode",
			"a much longer passphrase, of the kind a password manager makes: 7Yq!pZ0v#Lm2@rT9&wE4" };

	private final Argon2PasswordEncoder spring = new Argon2PasswordEncoder(16, 32, 1, 19456, 2);

	private final ReusedMemoryArgon2PasswordEncoder portal = new ReusedMemoryArgon2PasswordEncoder(16, 32, 1, 19456, 2, 1);

	@Test
	void aHashSpringsEncoderStoredVerifiesAndAHashMadeHereVerifiesWithSpringsEncoder() {
		for (String password : PASSWORDS) {
			String storedBySpring = this.spring.encode(password);
			String storedHere = this.portal.encode(password);

			assertThat(this.portal.matches(password, storedBySpring)).as(password).isTrue();
			assertThat(this.spring.matches(password, storedHere)).as(password).isTrue();
			assertThat(this.portal.matches(password + " ", storedBySpring)).isFalse();
			assertThat(this.portal.matches(password, storedHere)).isTrue();
		}
	}

	@Test
	void aHashMadeHereHasSpringsFormAndParametersAndAFreshSalt() {
		String first = this.portal.encode("same password");
		String second = this.portal.encode("same password");

		assertThat(first).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
		assertThat(first).isNotEqualTo(second);
		assertThat(this.portal.upgradeEncoding(first)).isFalse();
	}

	@Test
	void theBenchmarksStoredHashStillVerifies() {
		assertThat(this.portal.matches("bench-only passphrase 2026",
				"$argon2id$v=19$m=19456,t=2,p=1$2M8eWt7CdY6aamFqjv45Uw$Z9dNYlQ0Kfze95Plr+rzOjavHXDng8MH2+jbPeRFEgs")).isTrue();
	}

	@Test
	void aHashOfWeakerParametersIsCheckedBySpringsEncoderAndMarkedForUpgrade() {
		String old = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode("an older password");

		assertThat(this.portal.matches("an older password", old)).isTrue();
		assertThat(this.portal.matches("another password", old)).isFalse();
		assertThat(this.portal.upgradeEncoding(old)).isTrue();
	}

	@Test
	void severalLanesAndLongerTagsGiveBouncyCastlesHashes() {
		ReusedMemoryArgon2PasswordEncoder lanes = new ReusedMemoryArgon2PasswordEncoder(16, 100, 4, 256, 3, 1);
		Argon2PasswordEncoder springLanes = new Argon2PasswordEncoder(16, 100, 4, 256, 3);
		for (String password : PASSWORDS) {
			assertThat(lanes.matches(password, springLanes.encode(password))).isTrue();
			assertThat(springLanes.matches(password, lanes.encode(password))).isTrue();
		}
	}

	@Test
	void emptyMissingAndDamagedInputIsRefusedAsSpringRefusesIt() {
		String stored = this.portal.encode("secret");

		assertThat(this.portal.matches("", stored)).isFalse();
		assertThat(this.portal.matches(null, stored)).isFalse();
		assertThat(this.portal.matches("secret", null)).isFalse();
		assertThat(this.portal.matches("secret", "")).isFalse();
		assertThat(this.portal.matches("secret", stored.substring(0, stored.length() - 2) + "!!")).isFalse();
		assertThat(this.portal.encode(null)).isNull();
	}

	@Test
	void hashesRunningAtOnceInTheirOwnMemoryEachGetTheirOwnAnswer() throws Exception {
		ReusedMemoryArgon2PasswordEncoder shared = new ReusedMemoryArgon2PasswordEncoder(16, 32, 1, 19456, 2, 2);
		List<String> stored = new ArrayList<>();
		for (String password : PASSWORDS) {
			stored.add(this.spring.encode(password));
		}
		ExecutorService clients = Executors.newFixedThreadPool(4);
		try {
			List<Future<Boolean>> answers = new ArrayList<>();
			for (int round = 0; round < 3; round++) {
				for (int i = 0; i < PASSWORDS.length; i++) {
					String password = PASSWORDS[i];
					String hash = stored.get(i);
					String other = stored.get((i + 1) % PASSWORDS.length);
					answers.add(clients.submit(() -> shared.matches(password, hash) && !shared.matches(password, other)));
				}
			}
			for (Future<Boolean> answer : answers) {
				assertThat(answer.get()).isTrue();
			}
		}
		finally {
			clients.shutdownNow();
		}
	}

}
