package com.aventian.portal.throttle;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code aventian.throttle.*}: attempts allowed per window, per submitted e-mail and per client address,
 * e.g. {@code aventian.throttle.limits.sign-up.per-ip=20}.
 */
@ConfigurationProperties("aventian.throttle")
public record ThrottleProperties(Duration window, Map<ThrottledAction, Limit> limits) {

	public record Limit(int perEmail, int perIp) {
	}

	Limit limitOf(ThrottledAction action) {
		Limit limit = this.limits.get(action);
		if (limit == null) {
			throw new IllegalStateException("No aventian.throttle.limits for " + action);
		}
		return limit;
	}

}
