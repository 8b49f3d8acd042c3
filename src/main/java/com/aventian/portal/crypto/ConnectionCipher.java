package com.aventian.portal.crypto;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticated two-way encryption of team database connections: Tink AEAD (AES-256-GCM) with the row's
 * {@link Binding} as associated data. Each ciphertext names its key (Tink's 5-byte prefix, and
 * {@link Sealed#keyId()} for the column), so values made with an older key still open after a rotation
 * until that key is disabled. Instances share the keyset ({@link KeysetStore}) and read it again when another
 * instance rotated or disabled keys, so the re-encryption job aims at the same primary key on whichever instance
 * runs it, and a disabled key is not used here either. A file is looked at on every use; a Secret Manager secret
 * (a call away) before every seal, rotation and key listing, when a value names a key this instance does not
 * hold, and otherwise at most every {@link KeysetStore#checkEvery()}.
 */
public class ConnectionCipher implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ConnectionCipher.class);

	static {
		try {
			AeadConfig.register();
		}
		catch (GeneralSecurityException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final KeysetStore store;

	private volatile Keys keys;

	/** {@link System#nanoTime()} when the store's stamp was last looked at. */
	private volatile long checkedAt;

	ConnectionCipher(KeysetStore store) {
		this.store = store;
		if (store.absentAndNotToBeMade()) {
			log.warn("{}: subscriptions that need a database are refused until it is set", store.absenceMessage());
			this.keys = null;
		}
		else {
			this.keys = read();
		}
	}

	/** Whether a keyset is there: without one nothing is sealed or opened (see {@link KeysetStore#absentAndNotToBeMade}). */
	public boolean available() {
		return this.keys != null;
	}

	/** The keys, read again if another instance changed them; {@code mustBeCurrent} looks at the store whatever it costs. */
	private Keys current(boolean mustBeCurrent) {
		Keys current = this.keys;
		if (current == null) {
			throw new KeysetUnavailableException(this.store.absenceMessage() + ".");
		}
		long every = this.store.checkEvery().toNanos();
		if (!mustBeCurrent && every > 0 && System.nanoTime() - this.checkedAt < every) {
			return current;
		}
		Object stamp;
		try {
			stamp = this.store.stamp();
		}
		catch (KeysetUnavailableException ex) {
			if (mustBeCurrent) {
				throw ex;
			}
			// only a periodic look failed (Secret Manager unreachable): reads go on with the keys held
			log.warn("The keyset could not be checked for changes; the keys held are used: {}", ex.getMessage());
			this.checkedAt = System.nanoTime();
			return current;
		}
		this.checkedAt = System.nanoTime();
		return (stamp == null || stamp.equals(current.stamp())) ? current : reload();
	}

	private Keys read() {
		this.checkedAt = System.nanoTime();
		Object stamp = this.store.stamp();
		KeysetHandle handle = this.store.load();
		// a file made by load() has its stamp only now
		return Keys.of(handle, (stamp != null) ? stamp : this.store.stamp());
	}

	public Sealed seal(byte[] plaintext, Binding binding) {
		// always with the latest primary: a value sealed with a key another instance has just disabled would be lost
		Keys current = current(true);
		try {
			return new Sealed(current.aead.encrypt(plaintext, binding.associatedData()), current.primaryId());
		}
		catch (GeneralSecurityException ex) {
			throw new CipherException("Encryption failed", ex);
		}
	}

	/** The plaintext, if the value was made for exactly this row by a key still enabled; else {@link CipherException}. */
	public byte[] open(Sealed sealed, Binding binding) {
		Keys current = current(false);
		if (!current.holds(sealed.keyId())) {
			// made with a key another instance has added since this one last looked
			current = current(true);
		}
		try {
			return current.aead.decrypt(sealed.ciphertext(), binding.associatedData());
		}
		catch (GeneralSecurityException ex) {
			// deliberately without detail: the value is either not this row's, tampered with, or its key is gone
			throw new CipherException("The value does not decrypt for this row (key " + sealed.keyId() + ")", ex);
		}
	}

	public long primaryKeyId() {
		return current(true).primaryId();
	}

	/** The keys of the keyset; none without a keyset. */
	public List<KeyInfo> keys() {
		return (this.keys == null) ? List.of() : current(true).describe();
	}

	/** The Secret Manager secret and version of the keyset in use, where one holds it. */
	public Optional<KeysetSecretVersion> secretVersion() {
		return this.store.secretVersion();
	}

	/** Adds a new AES-256-GCM key as primary and stores the keyset; older keys still decrypt. The new key's id. */
	public synchronized long rotate() {
		current(true);
		KeysetHandle latest = this.store.load();
		KeysetHandle.Builder builder = KeysetHandle.newBuilder(latest);
		builder.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
			.withRandomId()
			.makePrimary());
		return replace(builder);
	}

	/** Disables every key but the primary (values still made with one no longer open). How many were disabled. */
	public synchronized int disableOlderKeys() {
		current(true);
		KeysetHandle latest = this.store.load();
		KeysetHandle.Builder builder = KeysetHandle.newBuilder(latest);
		int disabled = 0;
		for (int i = 0; i < builder.size(); i++) {
			KeysetHandle.Builder.Entry entry = builder.getAt(i);
			if (!entry.isPrimary() && entry.getStatus() == KeyStatus.ENABLED) {
				entry.setStatus(KeyStatus.DISABLED);
				disabled++;
			}
		}
		replace(builder);
		return disabled;
	}

	private long replace(KeysetHandle.Builder builder) {
		try {
			KeysetHandle next = builder.build();
			this.store.save(next);
			this.keys = Keys.of(next, this.store.stamp());
			return this.keys.primaryId();
		}
		catch (GeneralSecurityException ex) {
			throw new KeysetUnavailableException("The new keyset could not be built: " + ex.getClass().getSimpleName(), ex);
		}
	}

	private synchronized Keys reload() {
		this.keys = read();
		return this.keys;
	}

	@Override
	public void close() {
		this.store.close();
	}

	/** One key of the keyset, for the platform admin's page. */
	public record KeyInfo(long id, boolean primary, boolean enabled) {

	}

	private record Keys(KeysetHandle handle, Aead aead, Object stamp) {

		static Keys of(KeysetHandle handle, Object stamp) {
			try {
				return new Keys(handle, handle.getPrimitive(RegistryConfiguration.get(), Aead.class), stamp);
			}
			catch (GeneralSecurityException ex) {
				throw new KeysetUnavailableException("The keyset holds no usable AEAD key: " + ex.getClass().getSimpleName(), ex);
			}
		}

		long primaryId() {
			return Integer.toUnsignedLong(this.handle.getPrimary().getId());
		}

		boolean holds(long keyId) {
			for (int i = 0; i < this.handle.size(); i++) {
				if (Integer.toUnsignedLong(this.handle.getAt(i).getId()) == keyId) {
					return true;
				}
			}
			return false;
		}

		List<KeyInfo> describe() {
			List<KeyInfo> keys = new ArrayList<>();
			for (int i = 0; i < this.handle.size(); i++) {
				KeysetHandle.Entry entry = this.handle.getAt(i);
				keys.add(new KeyInfo(Integer.toUnsignedLong(entry.getId()), entry.isPrimary(),
						entry.getStatus() == KeyStatus.ENABLED));
			}
			return keys;
		}

		@Override
		public String toString() {
			return "Keys[primary=" + primaryId() + "]";
		}

	}

}
