package com.aventian.portal.audit;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the day partitions of the audit tables ahead of time and drops those past each table's retention
 * ({@code aventian.retention.*-days}). Both steps are idempotent and run inside PostgreSQL (V16's functions,
 * under one advisory lock). Start-up creates partitions on every instance (an insert must never lack its
 * day's partition); the nightly upkeep is a recurring job ({@link AuditJobs}) that one instance runs.
 */
@Component
class AuditPartitions {

	private static final Logger log = LoggerFactory.getLogger(AuditPartitions.class);

	private final AuditMapper mapper;

	private final Clock clock;

	private final int daysAhead;

	/** Days kept per partitioned table. */
	private final Map<String, Integer> retentionDays = new LinkedHashMap<>();

	AuditPartitions(AuditMapper mapper, Clock clock, @Value("${aventian.audit.partition-days-ahead}") int daysAhead,
			@Value("${aventian.retention.audit-events-days}") int auditEventsDays,
			@Value("${aventian.retention.login-activity-days}") int loginActivityDays) {
		if (daysAhead < 1 || auditEventsDays < 1 || loginActivityDays < 1) {
			throw new IllegalArgumentException("Audit partitions ahead and retention must be at least one day");
		}
		this.mapper = mapper;
		this.clock = clock;
		this.daysAhead = daysAhead;
		this.retentionDays.put("tbl_audit_events", auditEventsDays);
		this.retentionDays.put("tbl_login_activity", loginActivityDays);
	}

	@EventListener(ApplicationReadyEvent.class)
	void createAtStartUp() {
		createAhead();
	}

	/** New partitions first, so an insert at midnight never lands in the default partition. */
	Upkeep maintain() {
		int created = createAhead();
		return dropExpired(created);
	}

	int createAhead() {
		LocalDate today = today();
		int created = 0;
		for (String table : this.retentionDays.keySet()) {
			int made = this.mapper.ensureDailyPartitions(table, today, this.daysAhead + 1);
			if (made > 0) {
				log.info("Created {} day partitions of aventian_audit.{}", made, table);
			}
			created += made;
		}
		return created;
	}

	/**
	 * A day partition goes once its whole day is older than the retention (the first day kept starts at UTC
	 * midnight, retention days before today); rows of the DEFAULT partition older than that are deleted.
	 */
	private Upkeep dropExpired(int created) {
		int dropped = 0;
		int purged = 0;
		for (Map.Entry<String, Integer> table : this.retentionDays.entrySet()) {
			LocalDate firstKept = today().minusDays(table.getValue());
			int tableDropped = this.mapper.dropDailyPartitionsBefore(table.getKey(), firstKept);
			int tablePurged = this.mapper.purgeDefaultPartitionBefore(table.getKey(),
					firstKept.atStartOfDay(ZoneOffset.UTC).toInstant());
			log.info("Retention of aventian_audit.{} ({} days): dropped {} day partitions, deleted {} rows of its default partition",
					table.getKey(), table.getValue(), tableDropped, tablePurged);
			dropped += tableDropped;
			purged += tablePurged;
		}
		return new Upkeep(created, dropped, purged);
	}

	private LocalDate today() {
		return LocalDate.now(this.clock.withZone(ZoneOffset.UTC));
	}

	/** What one upkeep did: partitions created and dropped, rows of the default partitions deleted. */
	record Upkeep(int created, int dropped, int purged) {
	}

}
