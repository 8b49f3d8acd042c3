package com.aventian.portal.provisioning;

import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * For tests outside this package: a new team subscribed to a new product, provisioned by this test context's
 * own provisioner at once (a scheduled job could be taken by another test context's scheduler, whose meters
 * and caches are not this context's).
 */
@Component
public class ProvisionedNow {

	private final ProvisioningFixture fixture;

	private final Provisioner provisioner;

	ProvisionedNow(ProvisioningFixture fixture, Provisioner provisioner) {
		this.fixture = fixture;
		this.provisioner = provisioner;
	}

	/** A subscription to a product whose provisioning script is {@code sql}, provisioned: ACTIVE, or FAILED. */
	public Provisioned provision(String sql) {
		ProvisioningFixture.Team team = this.fixture.team();
		ProvisioningFixture.Product product = this.fixture.product(sql);
		UUID id = this.fixture.pendingSubscription(team, product);
		this.provisioner.run(id);
		return new Provisioned(id, team.id(), product.id(), product.code(), this.fixture.status(id));
	}

	public record Provisioned(UUID subscriptionId, UUID teamId, UUID productId, String productCode, String status) {
	}

}
