package com.aventian.portal.config;

import java.util.concurrent.ThreadPoolExecutor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The threads on which Spring Session handles Redis's key events. It hears of every key deleted or expired
 * anywhere in Redis (role-cache evictions, throttle windows, expired sessions), on every instance, and
 * without an executor of ours started a thread for each (28,093 in one benchmark run). Two threads are
 * plenty for events that end in a map lookup; a full queue makes the listener's own thread run the event,
 * which slows what it reads from Redis rather than dropping a session's ending.
 */
@Configuration(proxyBeanMethods = false)
class SessionEventExecutor {

	/** The name Spring Session's indexed repository configuration looks up. */
	@Bean(name = "springSessionRedisTaskExecutor")
	ThreadPoolTaskExecutor springSessionRedisTaskExecutor() {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setThreadNamePrefix("session-events-");
		executor.setCorePoolSize(2);
		executor.setMaxPoolSize(2);
		executor.setQueueCapacity(10_000);
		executor.setRejectedExecutionHandler(new ThreadPoolExecutor.CallerRunsPolicy());
		return executor;
	}

}
