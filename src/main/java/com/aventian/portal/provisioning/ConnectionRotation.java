package com.aventian.portal.provisioning;

import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.aventian.portal.audit.AuditEntry;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.crypto.Binding;
import com.aventian.portal.crypto.CipherException;
import com.aventian.portal.crypto.ConnectionCipher;
import com.aventian.portal.crypto.ConnectionCipher.KeyInfo;
import com.aventian.portal.crypto.Sealed;
import com.aventian.portal.jobs.Jobs;
import com.aventian.portal.product.PlatformAdmin;
import com.aventian.portal.provisioning.SubscriptionMapper.ConnectionRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Key rotation for the stored connections: a platform admin (or the {@code rotate-keyset} command) adds a new
 * primary key, a job re-encrypts every value still under an older key (each row in its own short transaction,
 * its cached copy evicted), and once none is left the older keys can be disabled. Changes of the keyset run one at
 * a time across instances ({@link KeysetLockMapper}). The plaintext exists only in memory between open and seal.
 */
@Service
public class ConnectionRotation {

	private static final Logger log = LoggerFactory.getLogger(ConnectionRotation.class);

	private static final int BATCH = 100;

	private final ConnectionCipher cipher;

	private final SubscriptionMapper mapper;

	private final DbConnectionCache cache;

	private final AuditLog audit;

	private final Jobs jobs;

	private final ReencryptionJob reencryption;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final KeysetLockMapper lock;

	ConnectionRotation(ConnectionCipher cipher, SubscriptionMapper mapper, DbConnectionCache cache, AuditLog audit, Jobs jobs,
			ReencryptionJob reencryption, TransactionTemplate transactions, Clock clock, KeysetLockMapper lock) {
		this.cipher = cipher;
		this.mapper = mapper;
		this.cache = cache;
		this.audit = audit;
		this.jobs = jobs;
		this.reencryption = reencryption;
		this.transactions = transactions;
		this.clock = clock;
		this.lock = lock;
	}

	/** Every key of the keyset with how many stored values it encrypts. */
	public List<KeyUse> keys() {
		Map<Long, Integer> counts = new LinkedHashMap<>();
		this.mapper.countConnectionsByKey().forEach((row) -> counts.put(row.keyId(), row.valueCount()));
		return this.cipher.keys().stream().map((key) -> new KeyUse(key, counts.getOrDefault(key.id(), 0))).toList();
	}

	/** Adds a new primary key and schedules the re-encryption of every stored value with it. The new key's id. */
	@Transactional
	public long rotate(PlatformAdmin admin) {
		this.lock.lockKeyset();
		long previous = this.cipher.primaryKeyId();
		long primary = this.cipher.rotate();
		this.audit.record(AuditEntry.of(admin.userId(), admin.email(), "ENCRYPTION_KEY_ROTATED", "keyset", primary)
			.withDetails(Map.of("before", Map.of("primaryKeyId", previous), "after", Map.of("primaryKeyId", primary))));
		this.jobs.schedule(this.reencryption.forKey(primary));
		return primary;
	}

	/** Disables the keys other than the primary, refused while a stored value still needs one of them. */
	@Transactional
	public int disableOlderKeys(PlatformAdmin admin) {
		this.lock.lockKeyset();
		long primary = this.cipher.primaryKeyId();
		if (!this.mapper.findConnectionsNotUnderKey(primary, 1).isEmpty()) {
			throw new SubscriptionException("Some connections are still encrypted with an older key: wait for the re-encryption to finish.");
		}
		int disabled = this.cipher.disableOlderKeys();
		this.audit.record(AuditEntry.of(admin.userId(), admin.email(), "ENCRYPTION_KEYS_DISABLED", "keyset", primary)
			.withDetails(Map.of("after", Map.of("disabled", disabled, "primaryKeyId", primary))));
		return disabled;
	}

	/** Re-encrypts every value not under the primary key; how many were re-encrypted. A value that does not open is left and logged. */
	public int reencryptAll() {
		long primary = this.cipher.primaryKeyId();
		Set<UUID> unreadable = new HashSet<>();
		int done = 0;
		while (true) {
			List<ConnectionRow> rows = this.mapper.findConnectionsNotUnderKey(primary, BATCH + unreadable.size());
			List<ConnectionRow> todo = rows.stream().filter((row) -> !unreadable.contains(row.id())).toList();
			if (todo.isEmpty()) {
				return done;
			}
			for (ConnectionRow row : todo) {
				if (reencrypt(row, primary)) {
					done++;
				}
				else {
					unreadable.add(row.id());
				}
			}
		}
	}

	private boolean reencrypt(ConnectionRow row, long primary) {
		Binding binding = new Binding(row.teamId(), row.productId(), row.assocId());
		byte[] plain;
		try {
			plain = this.cipher.open(new Sealed(row.encryptedConnection(), row.keyId()), binding);
		}
		catch (CipherException ex) {
			log.warn("The stored connection {} does not decrypt and was not re-encrypted", row.id());
			return false;
		}
		try {
			Sealed sealed = this.cipher.seal(plain, binding);
			this.transactions.executeWithoutResult((status) -> {
				if (this.mapper.updateCiphertext(row.id(), row.keyId(), sealed.ciphertext(), sealed.keyId(),
						this.clock.instant()) > 0) {
					this.cache.invalidate(row.teamId());
				}
			});
			return true;
		}
		finally {
			java.util.Arrays.fill(plain, (byte) 0);
		}
	}

	/** A key of the keyset and the number of stored values it encrypts. */
	public record KeyUse(KeyInfo key, int values) {

	}

}
