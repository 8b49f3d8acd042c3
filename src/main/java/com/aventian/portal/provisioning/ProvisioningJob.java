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
 * The durable job running a subscription's provisioning ({@link Provisioner}): scheduled in the transaction
 * that subscribes or retries, run by one worker of one instance, and run again when that instance died mid-way
 * (its heartbeat stopped).
 */
@Component
class ProvisioningJob extends OneTimeTask<ProvisioningJob.Request> {

	static final String NAME = "provision-subscription";

	private final Provisioner provisioner;

	ProvisioningJob(Provisioner provisioner) {
		// the run reports its own errors as FAILED; what escapes it, but another worker holding the subscription (run
		// again after seconds, see execute), is a crash of the worker: run it again soon
		super(NAME, Request.class, new OnFailureRetryLater<>(Duration.ofSeconds(30)), new ReviveDeadExecution<>());
		this.provisioner = provisioner;
	}

	/**
	 * One execution per subscribe or retry: an id of its own, since an earlier run of the same subscription may
	 * still be registered (ending, or picked by a worker that died) and db-scheduler drops a request whose id is
	 * taken. Two executions of one subscription are harmless: the run's lock and status checks let one work.
	 */
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
		this.provisioner.run(task.getData().subscriptionId());
	}

	record Request(UUID subscriptionId) {

	}

}
