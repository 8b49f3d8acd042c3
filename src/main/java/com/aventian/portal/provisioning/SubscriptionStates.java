package com.aventian.portal.provisioning;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import com.aventian.portal.audit.AuditEntry;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.crypto.Sealed;
import com.aventian.portal.shared.metrics.AfterCommit;
import com.aventian.portal.rbac.PrivilegesChanged;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The provisioning run's writes to the portal's database, each a short transaction with its audit event
 * and conditional on the row still being {@code PROVISIONING}: a subscription cancelled while its run goes
 * on is never made active and never gets a connection.
 */
@Component
class SubscriptionStates {

	static final String TARGET = "subscription";

	private final SubscriptionMapper mapper;

	private final AuditLog audit;

	private final DbConnectionCache cache;

	private final Clock clock;

	private final MeterRegistry meters;

	private final ApplicationEventPublisher events;

	SubscriptionStates(SubscriptionMapper mapper, AuditLog audit, DbConnectionCache cache, Clock clock, MeterRegistry meters,
			ApplicationEventPublisher events) {
		this.events = events;
		this.mapper = mapper;
		this.audit = audit;
		this.cache = cache;
		this.clock = clock;
		this.meters = meters;
	}

	/** Counts the attempt; the first records {@code configured} as where the objects go, later ones keep what was recorded. */
	@Transactional
	boolean started(Subscription subscription, TenantNames configured) {
		if (this.mapper.startAttempt(subscription.id(), configured, this.clock.instant()) == 0) {
			return false;
		}
		record(subscription, "PROVISIONING_STARTED", Map.of("attempt", subscription.attempts() + 1));
		return true;
	}

	@Transactional
	void stepDone(Subscription subscription, ProvisioningStep step) {
		this.mapper.updateStepsDone(subscription.id(), step.number(), this.clock.instant());
	}

	/** Stores the new connection (replacing one of an earlier run) and evicts what was cached. */
	@Transactional
	boolean storeConnection(Subscription subscription, Sealed sealed) {
		if (this.mapper.upsertConnection(subscription.id(), sealed.ciphertext(), sealed.keyId(), this.clock.instant()) == 0) {
			return false;
		}
		this.cache.invalidate(subscription.teamId());
		this.mapper.updateStepsDone(subscription.id(), ProvisioningStep.CONNECTION.number(), this.clock.instant());
		return true;
	}

	@Transactional
	boolean activate(Subscription subscription) {
		if (this.mapper.markActive(subscription.id(), this.clock.instant()) == 0) {
			return false;
		}
		this.cache.invalidate(subscription.teamId());
		// the subscription's status is part of the products' API answer, cached with the members' privileges
		this.events.publishEvent(PrivilegesChanged.ofTeam(subscription.teamId()));
		record(subscription, "PROVISIONING_SUCCEEDED", place(subscription.names()));
		AfterCommit.count(this.meters, "aventian.provisioning.outcomes", "product", subscription.productCode(), "outcome", "succeeded");
		return true;
	}

	@Transactional
	void failed(Subscription subscription, String reason) {
		if (this.mapper.markFailed(subscription.id(), reason, this.clock.instant()) > 0) {
			this.events.publishEvent(PrivilegesChanged.ofTeam(subscription.teamId()));
			record(subscription, "PROVISIONING_FAILED", Map.of("reason", reason));
			AfterCommit.count(this.meters, "aventian.provisioning.outcomes", "product", subscription.productCode(), "outcome", "failed");
		}
	}

	/** The database and login are gone: the row keeps its history, its connection is deleted. */
	@Transactional
	boolean dropped(Subscription subscription) {
		if (this.mapper.markDropped(subscription.id(), this.clock.instant()) == 0) {
			return false;
		}
		this.mapper.deleteConnection(subscription.id());
		this.cache.invalidate(subscription.teamId());
		record(subscription, "SUBSCRIPTION_DATABASE_DROPPED", place(subscription.names()));
		return true;
	}

	private static Map<String, String> place(TenantNames names) {
		return (names.schema() != null) ? Map.of("database", names.database(), "schema", names.schema())
				: Map.of("database", names.database());
	}

	private void record(Subscription subscription, String action, Map<String, ?> details) {
		Map<String, Object> all = new LinkedHashMap<>(details);
		all.put("product", subscription.productCode());
		this.audit.record(AuditEntry.of(null, null, action, TARGET, subscription.id())
			.inTeam(subscription.teamId())
			.forProduct(subscription.productId())
			.withDetails(all));
	}

}
