package com.aventian.portal.account;

import com.aventian.portal.jobs.Jobs;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The account feature's recurring upkeep, run by one instance of the cluster. */
@Configuration(proxyBeanMethods = false)
class AccountJobs {

	static final String EXPIRED_LINKS_PURGE = "expired-links-purge";

	/** Each night at 00:15 UTC. */
	@Bean
	RecurringTask<Void> expiredLinksPurgeJob(ExpiredLinksPurge purge) {
		return Jobs.recurring(EXPIRED_LINKS_PURGE, "0 15 0 * * *", purge::purge);
	}

}
