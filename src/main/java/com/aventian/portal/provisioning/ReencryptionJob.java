package com.aventian.portal.provisioning;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler.ReviveDeadExecution;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.FailureHandler.OnFailureRetryLater;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The durable job re-encrypting stored connections with the primary key after a rotation; safe to run again. */
@Component
class ReencryptionJob extends OneTimeTask<ReencryptionJob.Request> {

	static final String NAME = "reencrypt-db-connections";

	private static final Logger log = LoggerFactory.getLogger(ReencryptionJob.class);

	private final ObjectProvider<ConnectionRotation> rotation;

	ReencryptionJob(ObjectProvider<ConnectionRotation> rotation) {
		super(NAME, Request.class, new OnFailureRetryLater<>(Duration.ofMinutes(1)), new ReviveDeadExecution<>());
		this.rotation = rotation;
	}

	SchedulableInstance<Request> forKey(long keyId) {
		return schedulableInstance("key-" + keyId, new Request(keyId));
	}

	@Override
	public void executeOnce(TaskInstance<Request> task, ExecutionContext context) {
		int done = this.rotation.getObject().reencryptAll();
		log.info("Re-encrypted {} stored connection(s) after the rotation to key {}", done, task.getData().keyId());
	}

	record Request(long keyId) {

	}

}
