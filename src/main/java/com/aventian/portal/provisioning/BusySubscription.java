package com.aventian.portal.provisioning;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;

/**
 * What a provisioning job does when its subscription is busy with another worker ({@link SubscriptionBusyException}):
 * that worker's run ends within seconds, so the job runs again after {@link #AGAIN_AFTER}. Waiting is not failing: the
 * run completes (the "Jobs failing" alert and the scheduler's failure count see nothing), unlike a tenant server that
 * refuses or cannot be reached, which the job's failure handler tries again after its own, longer delay.
 */
final class BusySubscription {

	static final Duration AGAIN_AFTER = Duration.ofSeconds(2);

	private BusySubscription() {
	}

	static <T> CompletionHandler<T> runAgainSoon() {
		return (complete, operations) -> operations.reschedule(complete, complete.getTimeDone().plus(AGAIN_AFTER));
	}

}
