package com.aventian.portal.provisioning;

import java.time.Instant;
import java.util.UUID;

/** A team's subscription to a product (a row of {@code tbl_team_product_assoc}) with what its provisioning needs. */
record Subscription(UUID id, UUID teamId, UUID productId, String productCode, String productName,
		String provisioningScriptPath, String status, int stepsDone, String failureReason, int attempts,
		Instant cancelledAt, Instant dropAfter, Instant droppedAt, Isolation isolation, String tenantDatabase) {

	static final String PROVISIONING = "PROVISIONING";

	static final String ACTIVE = "ACTIVE";

	static final String FAILED = "FAILED";

	static final String CANCELLED = "CANCELLED";

	/**
	 * Where the subscription's objects are, as recorded when its first run started; before that nothing was made, and
	 * the names of a database of its own stand for nothing to find.
	 */
	TenantNames names() {
		return (this.isolation != null) ? TenantNames.of(this.id, this.isolation, this.tenantDatabase) : TenantNames.of(this.id);
	}

}
