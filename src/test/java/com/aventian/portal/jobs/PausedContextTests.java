package com.aventian.portal.jobs;

import com.aventian.portal.PortalTest;
import com.github.kagkarlsson.scheduler.Scheduler;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stopped application context (Spring's test framework pauses the cached contexts it is not using; an
 * operator may stop one) has stopped its Redis and database lifecycles: its scheduler must take no job then,
 * or the job fails there instead of running on a live instance, and take jobs again once it is started.
 */
@PortalTest
class PausedContextTests {

	@Autowired
	ConfigurableApplicationContext context;

	@Autowired
	Scheduler scheduler;

	@Test
	void aStoppedContextsSchedulerTakesNoJobUntilTheContextIsStartedAgain() {
		assertThat(this.scheduler.getSchedulerState().isPaused()).isFalse();
		try {
			this.context.stop();

			assertThat(this.scheduler.getSchedulerState().isPaused()).isTrue();
		}
		finally {
			this.context.start();
		}
		assertThat(this.scheduler.getSchedulerState().isPaused()).isFalse();
		assertThat(this.scheduler.getSchedulerState().isStarted()).isTrue();
	}

}
