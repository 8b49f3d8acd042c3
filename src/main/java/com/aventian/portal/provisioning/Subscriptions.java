package com.aventian.portal.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.aventian.portal.audit.AuditEntry;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.jobs.Jobs;
import com.aventian.portal.product.PlatformAdmin;
import com.aventian.portal.product.ProductNotFoundException;
import com.aventian.portal.product.RoleTemplates;
import com.aventian.portal.provisioning.SubscriptionMapper.ProductRow;
import com.aventian.portal.team.MembershipService.Actor;
import com.aventian.portal.team.TeamDeleted;
import com.aventian.portal.rbac.PrivilegesChanged;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A team's subscriptions to products: subscribe (the product's role templates copied into the team, the
 * provisioning job scheduled in the same transaction), retry a failed provisioning, cancel (the database
 * kept for {@code aventian.provisioning.retention}, then dropped by a job). Callers hold
 * {@code products.subscribe} in the team (the team gate checks it). Every change is audited.
 */
@Service
public class Subscriptions {

	private final SubscriptionMapper mapper;

	private final RoleTemplates templates;

	private final Jobs jobs;

	private final ProvisioningJob provisioning;

	private final DropJob drops;

	private final CloseLoginJob logins;

	private final DbConnectionCache cache;

	private final AuditLog audit;

	private final Duration retention;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	Subscriptions(SubscriptionMapper mapper, RoleTemplates templates, Jobs jobs, ProvisioningJob provisioning, DropJob drops,
			CloseLoginJob logins, DbConnectionCache cache, AuditLog audit, ProvisioningProperties properties, Clock clock,
			ApplicationEventPublisher events) {
		this.events = events;
		this.mapper = mapper;
		this.logins = logins;
		this.templates = templates;
		this.jobs = jobs;
		this.provisioning = provisioning;
		this.drops = drops;
		this.cache = cache;
		this.audit = audit;
		this.retention = properties.retention();
		this.clock = clock;
	}

	public List<CatalogueEntry> catalogue(UUID teamId) {
		return this.mapper.findCatalogue(teamId);
	}

	/** The product as the team's page shows it; 404 ({@link ProductNotFoundException}) when there is no such product. */
	public CatalogueEntry entry(UUID teamId, UUID productId) {
		return this.mapper.findCatalogueEntry(teamId, productId).orElseThrow(ProductNotFoundException::new);
	}

	public Duration retention() {
		return this.retention;
	}

	/** Subscribes the team to the product (the products page): refused while the team already has it. */
	@Transactional
	public CatalogueEntry subscribe(Actor actor, UUID teamId, UUID productId) {
		Opened opened = open(actor, teamId, productId);
		if (!opened.started()) {
			throw new SubscriptionException("The team already has " + opened.productName() + ".");
		}
		return entry(teamId, productId);
	}

	/**
	 * The one entry point that opens a team's subscription row ({@code tbl_team_product_assoc}), for the
	 * products page and for billing's subscribe on a plan alike: a new row, or a cancelled or failed one
	 * started again, gets the product's role templates and its provisioning job (audited {@code SUBSCRIBED});
	 * a live row (provisioning or active) is returned as it is. The row stays locked for the rest of the
	 * caller's transaction; the team's row is locked first, so two openings of one team run one at a time.
	 */
	@Transactional
	public Opened open(Actor actor, UUID teamId, UUID productId) {
		ProductRow product = this.mapper.findProduct(productId)
			.orElseThrow(() -> new SubscriptionException("There is no such product."));
		if (!"ACTIVE".equals(product.status())) {
			throw new SubscriptionException(product.name() + " is no longer offered.");
		}
		// locks the team's row first: two subscribers of one team are served one after the other
		this.templates.copyProductTemplates(teamId, productId, new PlatformAdmin(actor.userId(), actor.email()));
		Instant now = this.clock.instant();
		UUID id = UUID.randomUUID();
		if (!this.mapper.insertSubscription(id, teamId, productId, now)) {
			Subscription existing = this.mapper.findSubscriptionOfTeam(teamId, productId).orElseThrow();
			this.mapper.lockSubscription(existing.id());
			if (this.mapper.restartSubscription(existing.id(), now) == 0) {
				return new Opened(existing.id(), product.name(), false);
			}
			id = existing.id();
		}
		// the products' API tells a team's subscriptions from its members' cached privileges
		this.events.publishEvent(PrivilegesChanged.ofTeam(teamId));
		record(actor, "SUBSCRIBED", id, teamId, productId, Map.of("product", product.code()));
		this.jobs.schedule(this.provisioning.of(id));
		return new Opened(id, product.name(), true);
	}

	/** The team's subscription as its page shows it; 404 when the team has no such subscription. */
	public CatalogueEntry subscription(UUID teamId, UUID subscriptionId) {
		return this.mapper.findCatalogueEntryOfSubscription(teamId, subscriptionId)
			.orElseThrow(SubscriptionNotFoundException::new);
	}

	/** Starts a failed provisioning again; what the failed run made is found and reused, never duplicated. */
	@Transactional
	public CatalogueEntry retry(Actor actor, UUID teamId, UUID subscriptionId) {
		Subscription subscription = locked(teamId, subscriptionId);
		UUID productId = subscription.productId();
		if (!Subscription.FAILED.equals(subscription.status())
				|| this.mapper.restartSubscription(subscription.id(), this.clock.instant()) == 0) {
			throw new SubscriptionException("Only a failed provisioning can be tried again.");
		}
		this.events.publishEvent(PrivilegesChanged.ofTeam(teamId));
		record(actor, "PROVISIONING_RETRIED", subscription.id(), teamId, productId,
				Map.of("product", subscription.productCode(), "previousReason", String.valueOf(subscription.failureReason())));
		this.jobs.schedule(this.provisioning.of(subscription.id()));
		return entry(teamId, productId);
	}

	/**
	 * Cancels: the product loses the connection at once (evicted from the cache, refused by the API), the
	 * database stays until the retention ends, when the drop job confirms once more and drops it.
	 */
	@Transactional
	public CatalogueEntry cancel(Actor actor, UUID teamId, UUID subscriptionId) {
		Subscription subscription = locked(teamId, subscriptionId);
		if (this.mapper.isPaidOnAPlan(subscriptionId)) {
			// cancelled here, billing would go on invoicing a product the team no longer has
			throw new SubscriptionException("The team pays for " + subscription.productName() + " on a plan: cancel it on the"
					+ " billing page, where it ends with the period already paid.");
		}
		cancel(actor, subscription);
		return entry(teamId, subscription.productId());
	}

	/**
	 * Billing ended the subscription (cancelled at its period's end): cancelled as from the products page,
	 * unless the row is cancelled already.
	 */
	@Transactional
	public void endedByBilling(Actor actor, UUID teamId, UUID subscriptionId) {
		Subscription subscription = locked(teamId, subscriptionId);
		if (!Subscription.CANCELLED.equals(subscription.status())) {
			cancel(actor, subscription);
		}
	}

	private void cancel(Actor actor, Subscription subscription) {
		UUID teamId = subscription.teamId();
		UUID productId = subscription.productId();
		Instant now = this.clock.instant();
		Instant dropAfter = now.plus(this.retention);
		if (this.mapper.cancelSubscription(subscription.id(), now, dropAfter) == 0) {
			throw new SubscriptionException("The subscription to " + subscription.productName() + " is already cancelled.");
		}
		this.cache.invalidate(teamId);
		// the product sees the team no more from the next call on (the API reads the subscription from the cache)
		this.events.publishEvent(PrivilegesChanged.ofTeam(teamId));
		record(actor, "SUBSCRIPTION_CANCELLED", subscription.id(), teamId, productId,
				Map.of("product", subscription.productCode(), "before", subscription.status(), "dropAfter", dropAfter.toString()));
		this.jobs.schedule(this.drops.at(subscription.id(), dropAfter));
		// the login closes at once (a job: retried until the tenant server answers), the database at the drop
		this.jobs.schedule(this.logins.of(subscription.id()));
	}

	/** A deleted team's products lose their cached connections with the deletion. */
	@EventListener
	void teamDeleted(TeamDeleted deleted) {
		this.cache.invalidate(deleted.teamId());
	}

	/** The team's own subscription, locked; another team's (or none) is 404. */
	private Subscription locked(UUID teamId, UUID subscriptionId) {
		return this.mapper.lockSubscription(subscriptionId)
			.filter((subscription) -> subscription.teamId().equals(teamId))
			.orElseThrow(SubscriptionNotFoundException::new);
	}

	/** A subscription row opened: its id, and whether this opening started it (new, or again after a cancellation or failure). */
	public record Opened(UUID id, String productName, boolean started) {
	}

	private void record(Actor actor, String action, UUID subscriptionId, UUID teamId, UUID productId, Map<String, ?> details) {
		this.audit.record(AuditEntry.of(actor.userId(), actor.email(), action, SubscriptionStates.TARGET, subscriptionId)
			.inTeam(teamId)
			.forProduct(productId)
			.withDetails(details));
	}

}
