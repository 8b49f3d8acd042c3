package com.aventian.portal.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import com.aventian.portal.apikey.ApiCaller;

import org.springframework.stereotype.Component;

/**
 * Which privileges a product may see: the platform's and its own, never another product's. A product's
 * privilege codes start with its code and a dot ({@code crm.contact.read}; the product registry enforces
 * it); platform codes are read from the database and kept a minute in memory (they change with
 * migrations and platform admins, rarely; a new one is hidden for at most that minute, never shown wrongly).
 */
@Component
class VisiblePrivileges {

	private static final Duration REFRESH = Duration.ofMinutes(1);

	private final ApiMapper mapper;

	private final Clock clock;

	private volatile Set<String> platform;

	private volatile Instant readAt = Instant.MIN;

	VisiblePrivileges(ApiMapper mapper, Clock clock) {
		this.mapper = mapper;
		this.clock = clock;
	}

	boolean visibleTo(ApiCaller caller, String code) {
		return code.startsWith(caller.productCode() + ".") || platformCodes().contains(code);
	}

	private Set<String> platformCodes() {
		Instant now = this.clock.instant();
		if (this.platform == null || now.isAfter(this.readAt.plus(REFRESH))) {
			this.platform = Set.copyOf(this.mapper.findPlatformPrivilegeCodes());
			this.readAt = now;
		}
		return this.platform;
	}

}
