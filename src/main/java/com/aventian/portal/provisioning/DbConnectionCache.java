package com.aventian.portal.provisioning;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import com.aventian.portal.crypto.Sealed;
import com.aventian.portal.shared.redis.VersionedHash;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Teams' stored connections, still encrypted, in Redis under exactly {@code team:dbconn:<team id>}: a hash
 * with a field per product id (the subscription id, key id and ciphertext) and a field {@code v}, its version.
 * A plain connection never reaches Redis. As with {@code user:roles:} (RoleCache), a change empties the hash
 * and marks it pending inside its transaction and empties it again under a fresh version when it ends; a
 * reader stores what it loaded only if the version it saw is still there, so a value loaded before a
 * cancellation can never land in the cache after it. When Redis is down, connections are read from PostgreSQL.
 */
@Component
class DbConnectionCache {

	static final String KEY_PREFIX = "team:dbconn:";

	private static final String VERSION = "v";

	private static final String PENDING = "pending:";

	private static final Duration PENDING_TTL = Duration.ofSeconds(60);

	private static final Logger log = LoggerFactory.getLogger(DbConnectionCache.class);



	private final StringRedisTemplate redis;

	private final long ttlSeconds;

	private final Counter hits;

	private final Counter misses;

	private final Counter unavailable;

	DbConnectionCache(StringRedisTemplate redis, MeterRegistry meters,
			@Value("${aventian.provisioning.cache-ttl:10m}") Duration ttl) {
		this.redis = redis;
		this.ttlSeconds = Math.max(1, ttl.toSeconds());
		this.hits = meters.counter("aventian.dbconn.cache", "result", "hit");
		this.misses = meters.counter("aventian.dbconn.cache", "result", "miss");
		this.unavailable = meters.counter("aventian.dbconn.cache", "result", "unavailable");
	}

	/** The cached entry, else {@code load} (PostgreSQL) stored for the next call. */
	Optional<Entry> get(UUID teamId, UUID productId, Supplier<Optional<Entry>> load) {
		String key = KEY_PREFIX + teamId;
		List<Object> found;
		try {
			found = this.redis.opsForHash().multiGet(key, List.of(productId.toString(), VERSION));
		}
		catch (RuntimeException ex) {
			this.unavailable.increment();
			return load.get();
		}
		if (found.get(0) != null) {
			try {
				Optional<Entry> cached = Optional.of(Entry.fromText((String) found.get(0)));
				this.hits.increment();
				return cached;
			}
			catch (RuntimeException ex) {
				log.debug("Unreadable cached connection replaced");
			}
		}
		this.misses.increment();
		String version = (found.get(1) == null) ? "" : (String) found.get(1);
		Optional<Entry> loaded = load.get();
		if (loaded.isPresent() && !version.startsWith(PENDING)) {
			try {
				this.redis.execute(VersionedHash.STORE, List.of(key), version, productId.toString(), loaded.get().toText(),
						UUID.randomUUID().toString(), String.valueOf(this.ttlSeconds));
			}
			catch (RuntimeException ex) {
				this.unavailable.increment();
				log.debug("Connection not cached: Redis unreachable");
			}
		}
		return loaded;
	}

	/**
	 * The team's cached connections go: inside a transaction marked pending at once and emptied when it ends
	 * (a change that cannot mark them fails, so no stale credential outlives it); outside one emptied at once.
	 */
	void invalidate(UUID teamId) {
		String key = KEY_PREFIX + teamId;
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			reset(key);
			return;
		}
		try {
			this.redis.execute(VersionedHash.RESET, List.of(key), PENDING + UUID.randomUUID(), String.valueOf(PENDING_TTL.toSeconds()));
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("The cached connection could not be invalidated (Redis unreachable), "
					+ "so the change is not made", ex);
		}
		pendingOfThisTransaction().add(key);
	}

	private Set<String> pendingOfThisTransaction() {
		@SuppressWarnings("unchecked")
		Set<String> pending = (Set<String>) TransactionSynchronizationManager.getResource(this);
		if (pending == null) {
			Set<String> keys = new HashSet<>();
			TransactionSynchronizationManager.bindResource(this, keys);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(DbConnectionCache.this);
					keys.forEach(DbConnectionCache.this::reset);
				}
			});
			return keys;
		}
		return pending;
	}

	private void reset(String key) {
		try {
			this.redis.execute(VersionedHash.RESET, List.of(key), UUID.randomUUID().toString(), String.valueOf(this.ttlSeconds));
		}
		catch (RuntimeException ex) {
			// the pending mark expires on its own; until then nobody reads or fills this hash
			log.warn("Could not end the pending mark of {} (Redis unreachable)", key);
		}
	}

	/** A cached connection: its subscription and the ciphertext with its key id, never the plaintext. */
	record Entry(UUID subscriptionId, Sealed sealed) {

		String toText() {
			return this.subscriptionId + ":" + this.sealed.toText();
		}

		static Entry fromText(String text) {
			int colon = text.indexOf(':');
			return new Entry(UUID.fromString(text.substring(0, colon)), Sealed.fromText(text.substring(colon + 1)));
		}

	}

}
