package com.aventian.portal.provisioning;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;

/**
 * How a provisioning job tries again: a subscription busy with another worker ({@link SubscriptionBusyException})
 * is free again within seconds, when that worker's run ends, so the job comes back after {@link #BUSY}; any other
 * failure (a tenant server refusing or unreachable) after the job's own, longer delay.
 */
final class BusyRetriedSoon<T> implements FailureHandler<T> {

	static final Duration BUSY = Duration.ofSeconds(2);

	private final Duration otherwise;

	BusyRetriedSoon(Duration otherwise) {
		this.otherwise = otherwise;
	}

	@Override
	public void onFailure(ExecutionComplete complete, ExecutionOperations<T> operations) {
		boolean busy = complete.getCause().filter(SubscriptionBusyException.class::isInstance).isPresent();
		operations.reschedule(complete, complete.getTimeDone().plus(busy ? BUSY : this.otherwise));
	}

}
