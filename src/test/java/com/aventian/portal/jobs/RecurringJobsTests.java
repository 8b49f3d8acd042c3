package com.aventian.portal.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.aventian.portal.TestDatabases;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.stats.StatsRegistry;
import com.github.kagkarlsson.scheduler.task.Task;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Recurring upkeep on a cluster: every instance knows the task, one runs each occurrence. */
class RecurringJobsTests {

	private static final JobsProperties FAST = new JobsProperties(Duration.ofMillis(200), 2, Duration.ofSeconds(5),
			Duration.ofSeconds(5));

	@Test
	void aRecurringTaskStartedOnTwoInstancesOfOneDatabaseRunsOncePerPeriod() throws InterruptedException {
		try (HikariDataSource database = TestDatabases.migrated("avn_jobs_recurring")) {
			// given two instances on one database, each with the same task due every second
			List<Long> runs = new CopyOnWriteArrayList<>();
			Scheduler first = scheduler(database, Jobs.recurring("tick", "* * * * * *", () -> runs.add(Instant.now().getEpochSecond())));
			Scheduler second = scheduler(database, Jobs.recurring("tick", "* * * * * *", () -> runs.add(Instant.now().getEpochSecond())));

			// when both run for about five seconds
			first.start();
			second.start();
			Thread.sleep(5_500);
			first.stop();
			second.stop();

			// then each second's occurrence ran once, on one instance or the other
			assertThat(runs).as("runs (epoch seconds): %s", runs).hasSizeBetween(3, 7).doesNotHaveDuplicates();
		}
	}

	private static Scheduler scheduler(HikariDataSource database, Task<?> task) {
		return JobSchedulers.create(database, List.of(task), FAST, new JsonTaskData(JsonMapper.builder().build()),
				StatsRegistry.NOOP);
	}

}
