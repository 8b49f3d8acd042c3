package com.aventian.portal.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Opaque handles for sessions on "your sessions": a session id is a live cookie value, so pages show
 * HMAC-SHA256(key, id) instead, and a posted handle is resolved by recomputing it over the person's own
 * sessions only (a foreign or forged handle matches none). The key is {@code aventian.sessions.handle-key}
 * when set; otherwise one random key kept in Redis beside the sessions, created once by whichever
 * instance needs it first, so a page rendered by one instance works when posted to another. Losing the
 * key (Redis emptied) only invalidates the handles of pages already open, with the sessions themselves.
 */
@Component
class SessionHandles {

	static final String KEY_IN_REDIS = "aventian:sessions:handle-key";

	private final StringRedisTemplate redis;

	private final String configuredKey;

	SessionHandles(StringRedisTemplate redis, @Value("${aventian.sessions.handle-key:}") String configuredKey) {
		this.redis = redis;
		this.configuredKey = configuredKey;
	}

	String handleOf(String sessionId) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key(), "HmacSHA256"));
			byte[] digest = mac.doFinal(sessionId.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The id, among the person's own sessions, whose handle this is. */
	Optional<String> resolve(String handle, Map<String, ?> ownSessions) {
		byte[] wanted = handle.getBytes(StandardCharsets.UTF_8);
		for (String id : ownSessions.keySet()) {
			if (MessageDigest.isEqual(wanted, handleOf(id).getBytes(StandardCharsets.UTF_8))) {
				return Optional.of(id);
			}
		}
		return Optional.empty();
	}

	private byte[] key() {
		if (StringUtils.hasText(this.configuredKey)) {
			return this.configuredKey.getBytes(StandardCharsets.UTF_8);
		}
		String shared = this.redis.opsForValue().get(KEY_IN_REDIS);
		if (shared == null) {
			byte[] fresh = new byte[32];
			new SecureRandom().nextBytes(fresh);
			this.redis.opsForValue().setIfAbsent(KEY_IN_REDIS, Base64.getEncoder().encodeToString(fresh));
			shared = this.redis.opsForValue().get(KEY_IN_REDIS);
		}
		return Base64.getDecoder().decode(shared);
	}

}
