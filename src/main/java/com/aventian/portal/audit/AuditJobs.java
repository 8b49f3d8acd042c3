package com.aventian.portal.audit;

import com.aventian.portal.jobs.Jobs;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit log's recurring upkeep, run by one instance of the cluster. */
@Configuration(proxyBeanMethods = false)
class AuditJobs {

	static final String PARTITION_UPKEEP = "audit-partition-upkeep";

	/** Each night at 00:05 UTC: the coming days' partitions, then the expired ones dropped. */
	@Bean
	RecurringTask<Void> auditPartitionUpkeepJob(AuditPartitions partitions) {
		return Jobs.recurring(PARTITION_UPKEEP, "0 5 0 * * *", partitions::maintain);
	}

}
