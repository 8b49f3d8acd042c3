package com.aventian.portal.throttle;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Locale;

import com.aventian.portal.shared.web.ClientAddress;

import org.springframework.stereotype.Service;

/** Counts an attempt per submitted e-mail and per client address, and refuses it past the limits. */
@Service
public class Throttle {

	private final RedisCounters counters;

	private final ThrottleProperties properties;

	Throttle(RedisCounters counters, ThrottleProperties properties) {
		this.counters = counters;
		this.properties = properties;
	}

	/** Counts the attempt; throws {@link ThrottledException} when either limit is exceeded. */
	public void attempt(ThrottledAction action, String email, InetAddress client) {
		ThrottleProperties.Limit limit = this.properties.limitOf(action);
		String namespace = "throttle:" + action.name().toLowerCase(Locale.ROOT);
		Duration wait = Duration.ZERO;
		if (client != null) {
			wait = max(wait, exceeded(this.counters.increment(namespace + ":ip", ClientAddress.countedAs(client),
					this.properties.window()), limit.perIp()));
		}
		if (email != null && !email.isBlank()) {
			wait = max(wait, exceeded(this.counters.increment(namespace + ":email", email, this.properties.window()),
					limit.perEmail()));
		}
		if (!wait.isZero()) {
			throw new ThrottledException(wait);
		}
	}

	private static Duration exceeded(RedisCounters.Count count, int limit) {
		return count.value() > limit ? count.timeLeft() : Duration.ZERO;
	}

	private static Duration max(Duration a, Duration b) {
		return a.compareTo(b) >= 0 ? a : b;
	}

}
