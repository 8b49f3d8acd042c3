package com.aventian.portal.jobs;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code aventian.jobs.*}: how often an instance looks for due tasks (work scheduled by this instance
 * starts at once after its transaction commits; the poll finds the rest), how many run at once, how
 * often a running task's heartbeat is written (a task whose instance died is run again after six missed
 * heartbeats), and how long shutdown waits for running tasks.
 */
@ConfigurationProperties("aventian.jobs")
public record JobsProperties(Duration pollInterval, int threads, Duration heartbeatInterval, Duration shutdownMaxWait) {

}
