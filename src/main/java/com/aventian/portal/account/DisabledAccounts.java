package com.aventian.portal.account;

import java.util.UUID;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Disabled accounts as Redis keys ({@code aventian:account-disabled:<user id>}), so every request of a
 * session can ask "is this account disabled?" in Redis, never a SQL query: for a session met before, in the
 * same round trip as the session's own read ({@link DisabledMarkAhead}), otherwise in one of its own. Ending the account's sessions through the principal index is
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

	/** The mark's key ({@link DisabledMarkAhead} reads it along with the session). */
	static String keyOf(UUID userId) {
		return PREFIX + userId;
	}

	void mark(UUID userId) {
		this.redis.opsForValue().set(keyOf(userId), "1");
	}

	void unmark(UUID userId) {
		this.redis.delete(keyOf(userId));
	}

	boolean isDisabled(UUID userId) {
		return Boolean.TRUE.equals(this.redis.hasKey(keyOf(userId)));
	}

}
