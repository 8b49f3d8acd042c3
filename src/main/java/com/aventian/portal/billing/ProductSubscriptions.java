package com.aventian.portal.billing;

import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The team's subscription row ({@code tbl_team_product_assoc}) that billing hangs on. Until provisioning's
 * subscribe flow creates that row itself, subscribing on a plan creates it here (its provisioning status
 * left at the column's default); provisioning can call {@link #open} from its flow, or create the row
 * first: an existing row is used as it is.
 */
@Component
public class ProductSubscriptions {

	private final BillingSubscriptionMapper subscriptions;

	ProductSubscriptions(BillingSubscriptionMapper subscriptions) {
		this.subscriptions = subscriptions;
	}

	/**
	 * The id of the team's subscription row for the product, created if there is none, and locked for the
	 * rest of the transaction (a concurrent open of the same row waits, then finds it).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public UUID open(UUID teamId, UUID productId, String planCode, int seats) {
		this.subscriptions.insertAssoc(UUID.randomUUID(), teamId, productId, planCode, seats);
		UUID id = this.subscriptions.findAssocId(teamId, productId).orElseThrow();
		this.subscriptions.lockAssoc(id);
		return id;
	}

}
