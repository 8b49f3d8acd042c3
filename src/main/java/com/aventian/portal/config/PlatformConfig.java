package com.aventian.portal.config;

import java.time.Clock;

import io.lettuce.core.ClientOptions;

import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PlatformConfig {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * While Redis is unreachable, commands fail at once instead of queueing until the timeout, so pages
	 * show the error page quickly and the API falls back to PostgreSQL. Added to Boot's options (its socket
	 * options carry {@code spring.data.redis.connect-timeout}), not instead of them.
	 */
	@Bean
	LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
		return (builder) -> builder.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
	}

}
