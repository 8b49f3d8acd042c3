package com.aventian.portal.throttle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Counters in Redis that expire by themselves, so limits hold across instances and nothing is kept
 * past its window. Subjects (e-mails, addresses) are hashed: the keys hold no personal data.
 */
@Component
public class RedisCounters {

	/** Counts one more; the first count starts the window. Returns the count and the time left. */
	private static final RedisScript<List> INCREMENT = RedisScript.of("""
			local count = redis.call('INCR', KEYS[1])
			if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
			return {count, redis.call('PTTL', KEYS[1])}
			""", List.class);

	private final StringRedisTemplate redis;

	RedisCounters(StringRedisTemplate redis) {
		this.redis = redis;
	}

	public Count increment(String namespace, String subject, Duration window) {
		List<?> result = this.redis.execute(INCREMENT, List.of(keyOf(namespace, subject)),
				String.valueOf(window.toMillis()));
		return new Count(((Number) result.get(0)).longValue(), Duration.ofMillis(((Number) result.get(1)).longValue()));
	}

	public Count current(String namespace, String subject) {
		String key = keyOf(namespace, subject);
		String value = this.redis.opsForValue().get(key);
		if (value == null) {
			return new Count(0, Duration.ZERO);
		}
		Long ttl = this.redis.getExpire(key, java.util.concurrent.TimeUnit.MILLISECONDS);
		return new Count(Long.parseLong(value), Duration.ofMillis(ttl == null || ttl < 0 ? 0 : ttl));
	}

	/** Keeps the counter for {@code duration} from now, as when a lockout starts. */
	public void extend(String namespace, String subject, Duration duration) {
		this.redis.expire(keyOf(namespace, subject), duration);
	}

	public void reset(String namespace, String subject) {
		this.redis.delete(keyOf(namespace, subject));
	}

	static String keyOf(String namespace, String subject) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(subject.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
			return "aventian:" + namespace + ":" + HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public record Count(long value, Duration timeLeft) {
	}

}
