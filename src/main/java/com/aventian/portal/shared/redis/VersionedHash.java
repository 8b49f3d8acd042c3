package com.aventian.portal.shared.redis;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * The two scripts of a cache kept as a Redis hash with a version field {@code v} (the role cache
 * {@code user:roles:} and the connection cache {@code team:dbconn:}): a reader fills a field only under the
 * version it saw before loading, so an answer read before a change never lands after it.
 */
public final class VersionedHash {

	/**
	 * Sets field ARGV[2] to ARGV[3] if the hash's version is still ARGV[1] (empty: no version yet, then the
	 * version becomes ARGV[4] and the hash expires after ARGV[5] seconds); 1 if stored, 0 if not.
	 */
	public static final RedisScript<Long> STORE = RedisScript.of("""
			local v = redis.call('HGET', KEYS[1], 'v')
			if v == false then v = '' end
			if v ~= ARGV[1] then return 0 end
			if v == '' then
			  redis.call('HSET', KEYS[1], 'v', ARGV[4])
			  redis.call('EXPIRE', KEYS[1], tonumber(ARGV[5]))
			end
			redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
			return 1
			""", Long.class);

	/** Empties the hash and gives it the version ARGV[1], expiring after ARGV[2] seconds. */
	public static final RedisScript<Long> RESET = RedisScript.of("""
			redis.call('DEL', KEYS[1])
			redis.call('HSET', KEYS[1], 'v', ARGV[1])
			redis.call('EXPIRE', KEYS[1], tonumber(ARGV[2]))
			return 1
			""", Long.class);

	private VersionedHash() {
	}

}
