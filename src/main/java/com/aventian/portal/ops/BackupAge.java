package com.aventian.portal.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * {@code aventian.backup.last.success.age}: seconds since the last logical backup recorded by
 * {@code scripts/backup/backup.sh} in {@code tbl_backup_runs}; not a number (no sample) while none was made.
 * Read at most once a minute: a backup is daily, the alert threshold a day and more.
 */
@Component
class BackupAge {

	private static final Duration FRESH_FOR = Duration.ofMinutes(1);

	private final BackupRunMapper mapper;

	private final Clock clock;

	private volatile Instant readAt;

	private volatile Optional<Instant> lastSuccess = Optional.empty();

	BackupAge(BackupRunMapper mapper, Clock clock, MeterRegistry registry) {
		this.mapper = mapper;
		this.clock = clock;
		Gauge.builder("aventian.backup.last.success.age", this, BackupAge::seconds)
			.description("Seconds since the last logical backup (scripts/backup/backup.sh)")
			.baseUnit("seconds")
			.register(registry);
	}

	private double seconds() {
		Instant now = this.clock.instant();
		if (this.readAt == null || this.readAt.plus(FRESH_FOR).isBefore(now)) {
			this.readAt = now;
			try {
				this.lastSuccess = this.mapper.findLastFinishedAt();
			}
			catch (DataAccessException ex) {
				// the database is unreachable: the last value read stands until the next minute
			}
		}
		return this.lastSuccess.map((at) -> (double) Duration.between(at, now).toSeconds()).orElse(Double.NaN);
	}

}
