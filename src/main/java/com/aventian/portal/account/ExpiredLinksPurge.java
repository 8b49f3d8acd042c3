package com.aventian.portal.account;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * E-mail links are short-term state: once expired for longer than the retention, they are deleted (each
 * night, by one instance: see {@link AccountJobs}).
 */
@Component
class ExpiredLinksPurge {

	private static final Logger log = LoggerFactory.getLogger(ExpiredLinksPurge.class);

	private final EmailTokenMapper tokens;

	private final Clock clock;

	private final Duration retention;

	ExpiredLinksPurge(EmailTokenMapper tokens, Clock clock, @Value("${aventian.retention.short-term-state-days}") int retentionDays) {
		this.tokens = tokens;
		this.clock = clock;
		this.retention = Duration.ofDays(retentionDays);
	}

	int purge() {
		int deleted = this.tokens.deleteTokensExpiredBefore(this.clock.instant().minus(this.retention));
		log.info("Deleted {} e-mail links expired more than {} days ago", deleted, this.retention.toDays());
		return deleted;
	}

}
