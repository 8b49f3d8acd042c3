package com.aventian.portal.apikey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.aventian.portal.audit.AuditEntry;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.shared.security.RandomToken;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Products' API keys: a platform admin creates them (the secret is shown once, only its SHA-256 is kept) and
 * revokes them; several per product, so a product rotates keys without downtime. Every API request checks
 * its key here: from {@link ApiKeyCache} (Redis), else by one indexed lookup in the database. A revoked key
 * fails on the very next call, on every instance: revoking, retiring and deleting the product invalidate the
 * cached keys before they commit.
 */
@Service
public class ApiKeys {

	/** Marks the string as an Aventian API key, so secret scanners and people recognise a leaked one. */
	static final String KEY_START = "avn_";

	static final int PREFIX_LENGTH = KEY_START.length() + 8;

	/** Longer than any key we make: anything longer is refused without hashing or querying. */
	private static final int MAX_PRESENTED_LENGTH = 100;

	private static final String BEARER = "Bearer ";

	private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

	private final ApiKeyMapper keys;

	private final ApiKeyCache cache;

	private final AuditLog audit;

	private final Clock clock;

	/** When this instance last wrote each key's last use: at most one UPDATE per key and minute, never one per call. */
	private final ConcurrentMap<UUID, Instant> lastUseWritten = new ConcurrentHashMap<>();

	ApiKeys(ApiKeyMapper keys, ApiKeyCache cache, AuditLog audit, Clock clock) {
		this.keys = keys;
		this.cache = cache;
		this.audit = audit;
		this.clock = clock;
	}

	public Optional<ApiKeyMapper.Product> product(UUID productId) {
		return this.keys.findProduct(productId);
	}

	public List<ApiKey> keysOf(UUID productId) {
		return this.keys.findKeysOfProduct(productId);
	}

	/**
	 * A new key for an active product, valid for {@code validity} (null: until revoked). The returned secret
	 * is not stored anywhere: whoever loses it makes a new key.
	 */
	@Transactional
	public NewApiKey create(UUID productId, String name, Duration validity, UUID actorId, String actorEmail) {
		ApiKeyMapper.Product product = this.keys.findProduct(productId).orElseThrow(ApiKeyNotFoundException::new);
		if (!"ACTIVE".equals(product.status())) {
			throw new ApiKeyRefusedException("A retired product gets no new keys.");
		}
		String cleanName = (name == null) ? "" : name.strip();
		if (cleanName.isEmpty() || cleanName.length() > 100) {
			throw new ApiKeyRefusedException("Name the key (1 to 100 characters), e.g. after where it is used.");
		}
		if (validity != null && (validity.isNegative() || validity.isZero())) {
			throw new ApiKeyRefusedException("A key's validity must be in the future.");
		}
		Instant now = this.clock.instant();
		RandomToken token = RandomToken.generate();
		String secret = KEY_START + token.value();
		String prefix = secret.substring(0, PREFIX_LENGTH);
		UUID id = UUID.randomUUID();
		Instant expiresAt = (validity == null) ? null : now.plus(validity);
		this.keys.insertKey(id, productId, cleanName, prefix, RandomToken.hashOf(secret), actorId, now, expiresAt);
		ApiKey key = new ApiKey(id, productId, cleanName, prefix, now, expiresAt, null, null);
		this.audit.record(entry(actorId, actorEmail, "API_KEY_CREATED", key)
			.withDetails(Map.of("after", describe(key))));
		return new NewApiKey(key, secret);
	}

	/** Revokes a key of the product; from the next call on it gets 401. Revoking twice changes nothing. */
	@Transactional
	public ApiKey revoke(UUID productId, UUID keyId, UUID actorId, String actorEmail) {
		ApiKey before = this.keys.findKey(productId, keyId).orElseThrow(ApiKeyNotFoundException::new);
		if (before.revokedAt() != null) {
			return before;
		}
		this.cache.invalidate(this.keys.findKeyHashes(productId, keyId));
		Instant now = this.clock.instant();
		this.keys.updateKeyRevoked(productId, keyId, actorId, now);
		ApiKey after = new ApiKey(before.id(), before.productId(), before.name(), before.prefix(), before.createdAt(),
				before.expiresAt(), before.lastUsedAt(), now);
		this.audit.record(entry(actorId, actorEmail, "API_KEY_REVOKED", after)
			.withDetails(Map.of("before", describe(before), "after", describe(after))));
		return after;
	}

	/**
	 * Every key of the product is looked up afresh from the next call on: for a change of the product that
	 * decides whether its keys may call (retiring it, deleting it), inside that change's transaction.
	 */
	public void productChanged(UUID productId) {
		this.cache.invalidate(this.keys.findKeyHashes(productId, null));
	}

	/** The key in an {@code Authorization: Bearer <key>} header, checked. */
	public KeyCheck check(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return KeyCheck.refused(KeyCheck.Outcome.MISSING);
		}
		String presented = authorization.substring(BEARER.length()).strip();
		if (presented.isEmpty()) {
			return KeyCheck.refused(KeyCheck.Outcome.MISSING);
		}
		if (!presented.startsWith(KEY_START) || presented.length() > MAX_PRESENTED_LENGTH) {
			return KeyCheck.refused(KeyCheck.Outcome.UNKNOWN);
		}
		byte[] hash = RandomToken.hashOf(presented);
		Optional<ApiKeyMapper.StoredKey> found = this.cache.get(hash, () -> this.keys.findKeyByHash(hash));
		if (found.isEmpty()) {
			return KeyCheck.refused(KeyCheck.Outcome.UNKNOWN);
		}
		ApiKeyMapper.StoredKey key = found.get();
		Instant now = this.clock.instant();
		if (!key.mayCall()) {
			return KeyCheck.refused(KeyCheck.Outcome.REVOKED);
		}
		if (key.expiresAt() != null && !key.expiresAt().isAfter(now)) {
			return KeyCheck.refused(KeyCheck.Outcome.EXPIRED);
		}
		noteUse(key.id(), now);
		return new KeyCheck(KeyCheck.Outcome.VALID, new ApiCaller(key.id(), key.productId(), key.productCode(), key.prefix()));
	}

	private void noteUse(UUID keyId, Instant now) {
		Instant written = this.lastUseWritten.get(keyId);
		if (written != null && written.isAfter(now.minus(LAST_USED_GRANULARITY))) {
			return;
		}
		this.lastUseWritten.put(keyId, now);
		// the statement skips the write when another instance wrote within the minute
		this.keys.updateKeyLastUsed(keyId, now, now.minus(LAST_USED_GRANULARITY));
	}

	private static AuditEntry entry(UUID actorId, String actorEmail, String action, ApiKey key) {
		return new AuditEntry(actorId, actorEmail, action, "api_key", key.id().toString(), null, key.productId(), Map.of());
	}

	private static Map<String, Object> describe(ApiKey key) {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("name", key.name());
		description.put("prefix", key.prefix());
		description.put("expiresAt", (key.expiresAt() == null) ? null : key.expiresAt().toString());
		description.put("revokedAt", (key.revokedAt() == null) ? null : key.revokedAt().toString());
		return description;
	}

}
