package com.aventian.portal.jobs;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Pauses the scheduler while the application context is stopped and resumes it when the context starts
 * again. Stopping a context stops its Redis connection factory (and may suspend its pool); a scheduler still
 * polling then would take jobs only to fail them, delaying them for every instance. Depending on Redis and the
 * data source, it is stopped before them and started after them. The first start stays with {@link Jobs}.
 */
@Component
class SchedulerLifecycle implements SmartLifecycle {

	private final Scheduler scheduler;

	private volatile boolean running;

	SchedulerLifecycle(Scheduler scheduler, RedisConnectionFactory redis, DataSource dataSource) {
		this.scheduler = scheduler;
	}

	@Override
	public void start() {
		if (this.scheduler.getSchedulerState().isPaused()) {
			this.scheduler.resume();
		}
		this.running = true;
	}

	@Override
	public void stop() {
		if (this.scheduler.getSchedulerState().isStarted()) {
			this.scheduler.pause();
		}
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
