package com.aventian.portal.billing;

import java.util.Map;
import java.util.UUID;

import com.aventian.portal.audit.AuditEntry;
import com.aventian.portal.audit.AuditLog;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes a locked subscription back (optimistic version as a second guard) and, when its status moved,
 * audits the move and publishes {@link BillingStatusChanged}.
 */
@Component
class Standing {

	private final BillingSubscriptionMapper subscriptions;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	Standing(BillingSubscriptionMapper subscriptions, AuditLog audit, ApplicationEventPublisher events) {
		this.subscriptions = subscriptions;
		this.audit = audit;
		this.events = events;
	}

	/** Saves {@code changed} (read from {@code before} under its lock); returns it as now stored. */
	@Transactional(propagation = Propagation.MANDATORY)
	Subscription save(Subscription before, Subscription changed, UUID actorId, String actorEmail, String why) {
		if (this.subscriptions.updateBilling(changed) != 1) {
			throw new IllegalStateException("Subscription " + changed.assocId() + " changed under its lock");
		}
		if (before.status() != changed.status()) {
			this.audit.record(new AuditEntry(actorId, actorEmail, "SUBSCRIPTION_STATUS_CHANGED", "subscription",
					changed.assocId().toString(), changed.teamId(), changed.productId(),
					Map.of("from", before.status().name(), "to", changed.status().name(), "why", why)));
			this.events.publishEvent(new BillingStatusChanged(changed.teamId(), changed.productId(), changed.assocId(),
					before.status(), changed.status()));
		}
		return this.subscriptions.findSubscriptionByAssocForUpdate(changed.assocId()).orElseThrow();
	}

}
