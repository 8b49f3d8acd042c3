package com.aventian.portal.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

/**
 * Where the keyset encrypting team database connections is kept and shared by every instance: a file
 * ({@link FileKeysetStore}) or a Secret Manager secret ({@link SecretManagerKeysetStore}), plain or wrapped
 * by a key-encryption key. Every failure says what to set or grant; start-up stops on it.
 */
interface KeysetStore {

	/** Bound into a wrapped keyset, so a keyset wrapped for another purpose with the same KMS key is refused. */
	byte[] WRAPPING_CONTEXT = "aventian:keyset:team-db-connections".getBytes(StandardCharsets.UTF_8);

	/**
	 * Whether there is no keyset and none may be made: the portal then runs without team database encryption
	 * (see {@link FileKeysetStore#absentAndNotToBeMade}). A keyset kept anywhere else is configured on purpose.
	 */
	default boolean absentAndNotToBeMade() {
		return false;
	}

	default String absenceMessage() {
		return "No keyset";
	}

	/** What identifies the stored keyset's current content, to see that another instance changed it; null when unknown. */
	Object stamp();

	/**
	 * How long a read may go on with the keyset it holds before looking at {@link #stamp()} again. Zero where a
	 * look costs nothing (a file); sealing, rotating and a value under an unknown key always look.
	 */
	default Duration checkEvery() {
		return Duration.ZERO;
	}

	/** The stored keyset as it is now. */
	KeysetHandle load();

	/** Stores the keyset whole, for every instance; on failure nothing is changed. */
	void save(KeysetHandle keyset);

	/** The secret and version of the keyset held, where a Secret Manager secret holds it. */
	default Optional<KeysetSecretVersion> secretVersion() {
		return Optional.empty();
	}

	/** Releases what the store holds (a Secret Manager client it made). */
	default void close() {
	}

	static KeysetHandle generate() {
		try {
			return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-256-GCM is not available", ex);
		}
	}

}
