package com.aventian.portal.provisioning;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import com.aventian.portal.provisioning.TenantServer.SubscriptionLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Drops a cancelled subscription's database and login once its retention is over. Under the subscription's
 * advisory lock (no provisioning run at the same time) it confirms one last time that the row is still
 * cancelled, not dropped, and past its {@code drop_after} (the team may have subscribed again meanwhile),
 * then removes whatever exists: running it again finds nothing and changes nothing.
 */
@Component
class Deprovisioner {

	private static final Logger log = LoggerFactory.getLogger(Deprovisioner.class);

	private final SubscriptionMapper mapper;

	private final SubscriptionStates states;

	private final TenantServer tenant;

	private final Clock clock;

	Deprovisioner(SubscriptionMapper mapper, SubscriptionStates states, TenantServer tenant, Clock clock) {
		this.mapper = mapper;
		this.states = states;
		this.tenant = tenant;
		this.clock = clock;
	}

	/**
	 * Closes a cancelled subscription's login (its database waits for the retention period): the credentials the
	 * product kept stop working and its open sessions end. Under the subscription's lock and only while the row is
	 * still cancelled, so a subscription taken again meanwhile keeps its login. Busy or unreachable: the
	 * {@link CloseLoginJob} tries again.
	 */
	void closeLogin(UUID subscriptionId) throws SQLException {
		try (Connection admin = this.tenant.admin(); SubscriptionLock locked = this.tenant.lock(admin, subscriptionId)) {
			Optional<Subscription> found = this.mapper.findSubscription(subscriptionId);
			if (found.isPresent() && Subscription.CANCELLED.equals(found.get().status())) {
				this.tenant.closeLogin(admin, found.get().names());
			}
		}
	}

	/** True when this call dropped the subscription's database (or found it already gone and recorded that). */
	boolean dropIfDue(UUID subscriptionId) throws SQLException {
		// busy (SubscriptionBusyException): the drop job is tried again later
		try (Connection admin = this.tenant.admin(); SubscriptionLock locked = this.tenant.lock(admin, subscriptionId)) {
			Optional<Subscription> found = this.mapper.findSubscription(subscriptionId);
			if (found.isEmpty() || !due(found.get())) {
				return false;
			}
			Subscription subscription = found.get();
			this.tenant.drop(admin, subscription.names());
			boolean recorded = this.states.dropped(subscription);
			log.info("Dropped the database of cancelled subscription {} (team {}, {})", subscriptionId,
					subscription.teamId(), subscription.productCode());
			return recorded;
		}
	}

	private boolean due(Subscription subscription) {
		return Subscription.CANCELLED.equals(subscription.status()) && subscription.droppedAt() == null
				&& subscription.dropAfter() != null && !subscription.dropAfter().isAfter(this.clock.instant());
	}

}
