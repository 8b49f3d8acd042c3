package com.aventian.portal.provisioning;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler.ReviveDeadExecution;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.FailureHandler.OnFailureRetryLater;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;

import org.springframework.stereotype.Component;

/**
 * The durable job dropping a cancelled subscription's database when its retention ends, scheduled by the
 * cancellation for that moment. A tenant server that cannot be reached is tried again every 10 minutes.
 */
@Component
class DropJob extends OneTimeTask<DropJob.Request> {

	static final String NAME = "drop-subscription-database";

	private final Deprovisioner deprovisioner;

	DropJob(Deprovisioner deprovisioner) {
		super(NAME, Request.class, new OnFailureRetryLater<>(Duration.ofMinutes(10)), new ReviveDeadExecution<>());
		this.deprovisioner = deprovisioner;
	}

	SchedulableInstance<Request> at(UUID subscriptionId, Instant when) {
		return SchedulableInstance.of(instance(subscriptionId + "@" + when.toEpochMilli(), new Request(subscriptionId)), when);
	}

	@Override
	public void executeOnce(TaskInstance<Request> task, ExecutionContext context) {
		try {
			this.deprovisioner.dropIfDue(task.getData().subscriptionId());
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException("The tenant server refused the drop (" + ex.getSQLState() + ")", ex);
		}
	}

	record Request(UUID subscriptionId) {

	}

}
