package com.aventian.portal.jobs;

import java.util.List;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.stats.MicrometerStatsRegistry;
import com.github.kagkarlsson.scheduler.task.Task;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The instance's scheduler over the application's DataSource, knowing every {@link Task} bean. It is
 * started by {@link Jobs} once the application is ready and stopped (waiting for running tasks) when the
 * context closes, before the DataSource goes.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JobsProperties.class)
class JobsConfig {

	@Bean(destroyMethod = "stop")
	Scheduler scheduler(DataSource dataSource, List<Task<?>> tasks, JobsProperties properties, JsonMapper json,
			MeterRegistry meters) {
		return JobSchedulers.create(dataSource, tasks, properties, new JsonTaskData(json),
				new MicrometerStatsRegistry(meters, tasks));
	}

}
