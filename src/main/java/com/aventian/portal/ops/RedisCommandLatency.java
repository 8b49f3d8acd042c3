package com.aventian.portal.ops;

import io.lettuce.core.metrics.MicrometerCommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerOptions;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Redis command latency from Lettuce's own Micrometer recorder: {@code lettuce.command.completion} and
 * {@code lettuce.command.firstresponse}, per command, as histograms (Boot 4 no longer wires it).
 */
@Configuration(proxyBeanMethods = false)
class RedisCommandLatency {

	@Bean
	ClientResourcesBuilderCustomizer redisCommandLatencyMetrics(MeterRegistry registry) {
		MicrometerOptions options = MicrometerOptions.builder().histogram(true).build();
		return (resources) -> resources.commandLatencyRecorder(new MicrometerCommandLatencyRecorder(registry, options));
	}

}
