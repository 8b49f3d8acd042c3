package com.aventian.portal.account;

import java.util.UUID;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Disabled accounts as Redis keys ({@code aventian:account-disabled:<user id>}), so every request of a
 * session can ask "is this account disabled?" at the cost of one Redis round trip (the session itself is
 * already read from Redis), never a SQL query. Ending the account's sessions through the principal index is
 * the main mechanism; this key refuses a session that escaped it, such as one written back by a request
 * that was in flight while the sessions were deleted. The key lives as long as the account stays disabled.
 */
@Component
class DisabledAccounts {

	private static final String PREFIX = "aventian:account-disabled:";

	private final StringRedisTemplate redis;

	DisabledAccounts(StringRedisTemplate redis) {
		this.redis = redis;
	}

	void mark(UUID userId) {
		this.redis.opsForValue().set(PREFIX + userId, "1");
	}

	void unmark(UUID userId) {
		this.redis.delete(PREFIX + userId);
	}

	boolean isDisabled(UUID userId) {
		return Boolean.TRUE.equals(this.redis.hasKey(PREFIX + userId));
	}

}
