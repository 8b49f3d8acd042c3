package com.aventian.portal.api;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The rate limit's settings as Spring binds them at start. A limit Bucket4j cannot build a bucket with (no requests,
 * no period) made every call of the key fail inside the bucket, which the rate limit took for Redis out of reach and
 * let through uncounted: an operator "blocking" a key with {@code per-key.<prefix>=0} unlimited it instead.
 */
class ApiPropertiesTests {

	@Test
	void aLimitOfNoRequestsOrOverNoTimeStopsTheStartNamingItsSetting() {
		Map<String, String> valid = Map.of("aventian.api.rate-limit.requests", "60000",
				"aventian.api.rate-limit.period", "1m");

		assertThat(bind(valid).rateLimit().requestsOf("avn_AbCd1234")).isEqualTo(60000);
		assertThat(bind(with(valid, "aventian.api.rate-limit.per-key.avn_AbCd1234", "5")).rateLimit()
			.requestsOf("avn_AbCd1234")).isEqualTo(5);
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(with(valid, "aventian.api.rate-limit.per-key.avn_AbCd1234", "0")))
			.havingRootCause()
			.withMessageContaining("aventian.api.rate-limit.per-key.avn_AbCd1234")
			.withMessageContaining("revoke");
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(with(valid, "aventian.api.rate-limit.requests", "-1")))
			.havingRootCause()
			.withMessageContaining("aventian.api.rate-limit.requests");
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(with(valid, "aventian.api.rate-limit.period", "0s")))
			.havingRootCause()
			.withMessageContaining("aventian.api.rate-limit.period");
	}

	private static ApiProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bind("aventian.api", ApiProperties.class).get();
	}

	private static Map<String, String> with(Map<String, String> properties, String name, String value) {
		Map<String, String> changed = new HashMap<>(properties);
		changed.put(name, value);
		return changed;
	}

}
