package com.aventian.portal.apikey;

import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import com.aventian.portal.shared.redis.VersionedHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keys that may call, cached in Redis under {@code aventian:api-key:<hex of the key's SHA-256>} (a hash: field
 * {@code key}, the key's row as JSON, and {@code v}, its version), so a product's call costs no key lookup
 * in PostgreSQL. Only a key that was neither revoked nor of a retired product is cached; a refused or unknown
 * key is looked up every time. Expiry is checked on every call from the cached row.
 * <p>
 * A revoked key fails on the very next call, on every instance: revoking (and retiring or deleting the
 * product) invalidates as {@code RoleCache} does, in two steps. Before the change commits the hash is
 * emptied and marked pending (nobody reads or fills it meanwhile); when the transaction ends it is emptied
 * again under a fresh version; a reader stores what it loaded only under the version it saw before loading.
 * A revocation that cannot mark the hash (Redis down) fails and rolls back, rather than leave a revoked key
 * usable until the entry's time to live ends. While Redis is down, keys are checked in PostgreSQL.
 */
@Component
class ApiKeyCache {

	static final String KEY_PREFIX = "aventian:api-key:";

	private static final String FIELD = "key";

	private static final String VERSION = "v";

	private static final String PENDING = "pending:";

	/** Longer than any transaction that revokes a key; bounds a pending mark whose end was lost. */
	private static final Duration PENDING_TTL = Duration.ofSeconds(60);

	private static final Logger log = LoggerFactory.getLogger(ApiKeyCache.class);

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final long ttlSeconds;

	ApiKeyCache(StringRedisTemplate redis, JsonMapper json,
			@Value("${aventian.api.key-cache-ttl:1m}") Duration ttl) {
		this.redis = redis;
		this.json = json;
		this.ttlSeconds = Math.max(1, ttl.toSeconds());
	}

	/** The key with this hash from the cache, else from {@code load} (PostgreSQL), cached if it may call. */
	Optional<ApiKeyMapper.StoredKey> get(byte[] keyHash, Supplier<Optional<ApiKeyMapper.StoredKey>> load) {
		String key = redisKey(keyHash);
		List<Object> found;
		try {
			found = this.redis.opsForHash().multiGet(key, List.of(FIELD, VERSION));
		}
		catch (RuntimeException ex) {
			return load.get();
		}
		if (found.get(0) != null) {
			try {
				return Optional.of(this.json.readValue((String) found.get(0), ApiKeyMapper.StoredKey.class));
			}
			catch (JacksonException ex) {
				// an entry of an older shape: load afresh and replace it
				log.debug("Unreadable cached API key replaced");
			}
		}
		String version = (found.get(1) == null) ? "" : (String) found.get(1);
		Optional<ApiKeyMapper.StoredKey> loaded = load.get();
		if (loaded.isPresent() && loaded.get().mayCall() && !version.startsWith(PENDING)) {
			try {
				this.redis.execute(VersionedHash.STORE, List.of(key), version, FIELD,
						this.json.writeValueAsString(loaded.get()), UUID.randomUUID().toString(),
						String.valueOf(this.ttlSeconds));
			}
			catch (RuntimeException ex) {
				log.debug("API key not cached, Redis unreachable: {}", ex.getClass().getSimpleName());
			}
		}
		return loaded;
	}

	/**
	 * Invalidates the keys with these hashes: inside a transaction marked pending at once and evicted when it
	 * ends (a Redis that cannot be reached fails the change); outside one evicted at once.
	 */
	void invalidate(Collection<byte[]> keyHashes) {
		if (keyHashes.isEmpty()) {
			return;
		}
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			keyHashes.forEach((hash) -> evictQuietly(redisKey(hash)));
			return;
		}
		Set<String> keys = new LinkedHashSet<>();
		for (byte[] hash : keyHashes) {
			String key = redisKey(hash);
			try {
				this.redis.execute(VersionedHash.RESET, List.of(key), PENDING + UUID.randomUUID(),
						String.valueOf(PENDING_TTL.toSeconds()));
			}
			catch (RuntimeException ex) {
				throw new IllegalStateException("The cached API key could not be invalidated (Redis unreachable), "
						+ "so the change is not made", ex);
			}
			keys.add(key);
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCompletion(int status) {
				keys.forEach(ApiKeyCache.this::evictQuietly);
			}

		});
	}

	private void evictQuietly(String key) {
		try {
			this.redis.execute(VersionedHash.RESET, List.of(key), UUID.randomUUID().toString(),
					String.valueOf(this.ttlSeconds));
		}
		catch (RuntimeException ex) {
			// the pending mark expires by itself; until then nobody reads or fills this hash
			log.warn("Cached API key not evicted, Redis unreachable: {}", ex.getClass().getSimpleName());
		}
	}

	private static String redisKey(byte[] keyHash) {
		return KEY_PREFIX + HexFormat.of().formatHex(keyHash);
	}

}
