package com.aventian.portal.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The background jobs' backlog, read from db-scheduler's table (shared by every instance, so each instance
 * reports the same cluster-wide figures): {@code aventian.jobs.due} (due, not yet picked),
 * {@code aventian.jobs.running}, {@code aventian.jobs.failing} (last attempt failed, waiting for a retry)
 * and {@code aventian.jobs.oldest.due.age} (seconds the oldest due execution has waited). One query per
 * scrape at most: the figures are kept for a few seconds for the four gauges.
 */
@Component
class JobBacklog {

	private static final Duration FRESH_FOR = Duration.ofSeconds(5);

	private static final Counts UNKNOWN = new Counts(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

	private final JobBacklogMapper mapper;

	private final Clock clock;

	private volatile Snapshot snapshot;

	JobBacklog(JobBacklogMapper mapper, Clock clock, MeterRegistry registry) {
		this.mapper = mapper;
		this.clock = clock;
		Gauge.builder("aventian.jobs.due", this, (backlog) -> backlog.current().counts().due())
			.description("Job executions due and not yet picked by any instance")
			.register(registry);
		Gauge.builder("aventian.jobs.running", this, (backlog) -> backlog.current().counts().running())
			.description("Job executions running on some instance")
			.register(registry);
		Gauge.builder("aventian.jobs.failing", this, (backlog) -> backlog.current().counts().failing())
			.description("Job executions whose last attempt failed")
			.register(registry);
		Gauge.builder("aventian.jobs.oldest.due.age", this, (backlog) -> backlog.current().counts().oldestDueAgeSeconds())
			.description("How long the oldest due execution has waited")
			.baseUnit("seconds")
			.register(registry);
	}

	private Snapshot current() {
		Snapshot known = this.snapshot;
		Instant now = this.clock.instant();
		if (known == null || known.takenAt().plus(FRESH_FOR).isBefore(now)) {
			known = new Snapshot(now, read(now));
			this.snapshot = known;
		}
		return known;
	}

	/** While the database is unreachable the gauges have no value, and the scrape waits once, not once per gauge. */
	private Counts read(Instant now) {
		try {
			return this.mapper.findBacklog(now);
		}
		catch (DataAccessException ex) {
			return UNKNOWN;
		}
	}

	private record Snapshot(Instant takenAt, Counts counts) {
	}

	record Counts(double due, double running, double failing, double oldestDueAgeSeconds) {
	}

}
