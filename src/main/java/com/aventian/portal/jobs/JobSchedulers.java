package com.aventian.portal.jobs;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import com.github.kagkarlsson.scheduler.stats.StatsRegistry;
import com.github.kagkarlsson.scheduler.task.OnStartup;
import com.github.kagkarlsson.scheduler.task.Task;

import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/** Builds a db-scheduler {@link Scheduler} over the portal's table; one per instance. */
final class JobSchedulers {

	static final String TABLE = "aventian.scheduled_tasks";

	private JobSchedulers() {
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	static Scheduler create(DataSource dataSource, List<Task<?>> tasks, JobsProperties properties, Serializer data,
			StatsRegistry stats) {
		List<Task<?>> known = new ArrayList<>();
		List startTasks = new ArrayList<>();
		for (Task<?> task : tasks) {
			// recurring tasks create their first execution at start-up (if no instance did yet)
			(task instanceof OnStartup ? startTasks : known).add(task);
		}
		SchedulerBuilder builder = Scheduler.create(transactionAware(dataSource), known)
			.startTasks(startTasks)
			.tableName(TABLE)
			.serializer(data)
			.pollingInterval(properties.pollInterval())
			.threads(properties.threads())
			.heartbeatInterval(properties.heartbeatInterval())
			.shutdownMaxWait(properties.shutdownMaxWait())
			// completions by task and result (dbscheduler_task_completions_total{result="failed"}) for alerts
			.statsRegistry(stats)
			// a failure is one line (task name and id, never its data); the task's failure handler decides what follows
			.failureLogging(LogLevel.WARN, false);
		return builder.build();
	}

	/**
	 * Scheduling from inside a Spring transaction writes the task row on that transaction's connection:
	 * it commits or rolls back with the business change, and takes no second pooled connection.
	 */
	private static DataSource transactionAware(DataSource dataSource) {
		return (dataSource instanceof TransactionAwareDataSourceProxy) ? dataSource
				: new TransactionAwareDataSourceProxy(dataSource);
	}

}
