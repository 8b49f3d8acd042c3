package com.aventian.portal.jobs;

import java.time.ZoneOffset;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Durable background work. A feature declares a task as a Spring bean of db-scheduler's {@code Task}
 * type (a {@code OneTimeTask} for work handed over by a request, {@link #recurring} for upkeep) and hands
 * work over with {@link #schedule}: the task row is written in the caller's transaction, so work asked
 * for by a rolled-back change never runs, and committed work survives a crash until some instance runs it.
 */
@Service
public class Jobs {

	private final Scheduler scheduler;

	private final boolean run;

	/** {@code aventian.jobs.run=false}: this process schedules work but never runs any (a one-off command). */
	Jobs(Scheduler scheduler, @Value("${aventian.jobs.run:true}") boolean run) {
		this.scheduler = scheduler;
		this.run = run;
	}

	/**
	 * A recurring task on a cron expression in UTC (Spring's six fields, e.g. {@code 0 5 0 * * *}); one
	 * execution exists in the table, so exactly one instance runs each occurrence.
	 */
	public static RecurringTask<Void> recurring(String name, String cronUtc, Runnable work) {
		return Tasks.recurring(name, Schedules.cron(cronUtc, ZoneOffset.UTC)).execute((instance, context) -> work.run());
	}

	/**
	 * Persists the execution in the caller's transaction, if any; it is run once that transaction commits.
	 * An execution of the same task and id still waiting is kept as it is (handing work over twice is harmless).
	 */
	public void schedule(SchedulableInstance<?> execution) {
		this.scheduler.schedule(execution);
		// db-scheduler's own "immediate execution" would look before the commit and find nothing
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					Jobs.this.scheduler.triggerCheckForDueExecutions();
				}
			});
		}
		else {
			this.scheduler.triggerCheckForDueExecutions();
		}
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (this.run) {
			this.scheduler.start();
		}
	}

}
