package com.aventian.portal.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the day partitions of the audit tables ahead of time and drops those past retention.
 * Both steps are idempotent. Start-up creates partitions on every instance (an insert must never lack
 * its day's partition); the nightly upkeep is a recurring job ({@link AuditJobs}) that one instance runs.
 */
@Component
class AuditPartitions {

	static final List<String> PARTITIONED_TABLES = List.of("tbl_audit_events", "tbl_login_activity");

	private static final Logger log = LoggerFactory.getLogger(AuditPartitions.class);

	private final AuditMapper mapper;

	private final Clock clock;

	private final int daysAhead;

	private final int retentionDays;

	AuditPartitions(AuditMapper mapper, Clock clock, @Value("${aventian.audit.partition-days-ahead}") int daysAhead,
			@Value("${aventian.audit.retention-days}") int retentionDays) {
		this.mapper = mapper;
		this.clock = clock;
		this.daysAhead = daysAhead;
		this.retentionDays = retentionDays;
	}

	@EventListener(ApplicationReadyEvent.class)
	void createAtStartUp() {
		createAhead();
	}

	/** New partitions first, so an insert at midnight never lands in the default partition. */
	void maintain() {
		createAhead();
		dropExpired();
	}

	void createAhead() {
		LocalDate today = LocalDate.now(this.clock.withZone(ZoneOffset.UTC));
		for (String table : PARTITIONED_TABLES) {
			int created = this.mapper.ensureDailyPartitions(table, today, this.daysAhead + 1);
			if (created > 0) {
				log.info("Created {} day partitions of aventian_audit.{}", created, table);
			}
		}
	}

	void dropExpired() {
		LocalDate cutoff = LocalDate.now(this.clock.withZone(ZoneOffset.UTC)).minusDays(this.retentionDays);
		int dropped = 0;
		for (String table : PARTITIONED_TABLES) {
			dropped += this.mapper.dropDailyPartitionsBefore(table, cutoff);
		}
		var cutoffInstant = this.clock.instant().minus(Duration.ofDays(this.retentionDays));
		int deleted = this.mapper.deleteDefaultAuditEventsBefore(cutoffInstant)
				+ this.mapper.deleteDefaultLoginActivityBefore(cutoffInstant);
		log.info("Audit retention ({} days): dropped {} partitions, deleted {} rows of the default partitions",
				this.retentionDays, dropped, deleted);
	}

}
