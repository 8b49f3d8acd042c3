package com.aventian.portal.provisioning;

import java.time.Duration;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler.ReviveDeadExecution;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.FailureHandler.OnFailureRetryLater;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;

import org.springframework.stereotype.Component;

/**
 * The durable job closing a cancelled subscription's login, scheduled by the cancellation in its transaction:
 * a tenant server unreachable at that moment, or a portal dying right after the commit, only delays it (tried
 * again every minute; after seconds when another worker holds the subscription) instead of leaving the product's credentials working for the whole retention.
 */
@Component
class CloseLoginJob extends OneTimeTask<CloseLoginJob.Request> {

	static final String NAME = "close-subscription-login";

	private final Deprovisioner deprovisioner;

	CloseLoginJob(Deprovisioner deprovisioner) {
		super(NAME, Request.class, new OnFailureRetryLater<>(Duration.ofMinutes(1)), new ReviveDeadExecution<>());
		this.deprovisioner = deprovisioner;
	}

	SchedulableInstance<Request> of(UUID subscriptionId) {
		return schedulableInstance(subscriptionId + "/" + UUID.randomUUID(), new Request(subscriptionId));
	}

	@Override
	public CompletionHandler<Request> execute(TaskInstance<Request> task, ExecutionContext context) {
		try {
			return super.execute(task, context);
		}
		catch (SubscriptionBusyException ex) {
			return BusySubscription.runAgainSoon();
		}
	}

	@Override
	public void executeOnce(TaskInstance<Request> task, ExecutionContext context) {
		try {
			this.deprovisioner.closeLogin(task.getData().subscriptionId());
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException("The tenant server refused to close the login (" + ex.getSQLState() + ")", ex);
		}
	}

	record Request(UUID subscriptionId) {

	}

}
