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

		public RateLimit {
			perKey = (perKey == null) ? Map.of() : Map.copyOf(perKey);
		}

		long requestsOf(String keyPrefix) {
			return this.perKey.getOrDefault(keyPrefix, this.requests);
		}

	}

}
