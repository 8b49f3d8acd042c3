package com.aventian.portal.shared.redis;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
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

	private static final byte[] STORE_SOURCE = bytes(STORE.getScriptAsString());

	/** Empties the hash and gives it the version ARGV[1], expiring after ARGV[2] seconds. */
	public static final RedisScript<Long> RESET = RedisScript.of("""
			redis.call('DEL', KEYS[1])
			redis.call('HSET', KEYS[1], 'v', ARGV[1])
			redis.call('EXPIRE', KEYS[1], tonumber(ARGV[2]))
			return 1
			""", Long.class);

	/**
	 * {@link #STORE} sent without waiting for its answer, on the connection every other command of this
	 * application's Redis template goes through (Lettuce's shared connection: commands are answered in the order
	 * they were sent, so any command sent after this one, from any thread, sees its effect). The compare-and-set
	 * is decided when Redis runs it, so it is exactly as safe as waiting: a reset (an eviction, a pending mark)
	 * that reached Redis first makes it store nothing. Sent as EVAL, not EVALSHA: a Redis that lost its scripts
	 * would answer NOSCRIPT to nobody; Redis keeps the compiled script by its digest either way.
	 * {@code failed} is called if it could not be sent (on the caller's thread) or Redis answered an error (on
	 * Lettuce's thread).
	 */
	public static void storeWithoutWaiting(StringRedisTemplate redis, String key, String version, String field,
			String value, String newVersion, long ttlSeconds, Consumer<Throwable> failed) {
		byte[][] args = { bytes(version), bytes(field), bytes(value), bytes(newVersion), bytes(String.valueOf(ttlSeconds)) };
		try {
			redis.execute((RedisCallback<Void>) (connection) -> {
				@SuppressWarnings("unchecked")
				RedisClusterAsyncCommands<byte[], byte[]> commands = (RedisClusterAsyncCommands<byte[], byte[]>) connection
					.getNativeConnection();
				commands.<Long>eval(STORE_SOURCE, ScriptOutputType.INTEGER, new byte[][] { bytes(key) }, args)
					.whenComplete((stored, ex) -> {
						if (ex != null) {
							failed.accept(ex);
						}
					});
				return null;
			});
		}
		catch (RuntimeException ex) {
			failed.accept(ex);
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private VersionedHash() {
	}

}
