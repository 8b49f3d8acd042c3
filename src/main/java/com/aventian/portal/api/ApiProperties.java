package com.aventian.portal.api;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code aventian.api.*}: the largest request body the products' API reads, and each key's rate limit:
 * {@code requests} per {@code period} by default, or the number given for the key's prefix in
 * {@code per-key} (e.g. {@code aventian.api.rate-limit.per-key.avn_AbCd1234=100000}).
 */
@ConfigurationProperties("aventian.api")
public record ApiProperties(DataSize maxBodySize, RateLimit rateLimit) {

	public record RateLimit(long requests, Duration period, Map<String, Long> perKey) {

		/**
		 * Bucket4j builds no bucket of no requests or over no time, and the rate limit must never take a bucket that
		 * fails for Redis out of reach (the call would pass uncounted): such a limit stops the start instead.
		 */
		public RateLimit {
			perKey = (perKey == null) ? Map.of() : Map.copyOf(perKey);
			if (requests < 1) {
				throw new IllegalArgumentException(atLeastOne("aventian.api.rate-limit.requests", requests));
			}
			if (period == null || period.isZero() || period.isNegative()) {
				throw new IllegalArgumentException("aventian.api.rate-limit.period must be longer than 0, not " + period);
			}
			perKey.forEach((prefix, perPeriod) -> {
				if (perPeriod < 1) {
					throw new IllegalArgumentException(atLeastOne("aventian.api.rate-limit.per-key." + prefix, perPeriod));
				}
			});
		}

		private static String atLeastOne(String setting, long value) {
			return setting + " must be at least 1, not " + value + " (to stop a key, revoke it)";
		}

		long requestsOf(String keyPrefix) {
			return this.perKey.getOrDefault(keyPrefix, this.requests);
		}

	}

}
