package com.aventian.portal.billing;

import java.util.UUID;

/**
 * A subscription's billing status moved (e.g. to SUSPENDED or CANCELLED). Published inside the change's
 * transaction, for features that act on it (provisioning may deprovision a cancelled subscription).
 */
public record BillingStatusChanged(UUID teamId, UUID productId, UUID assocId, BillingStatus from, BillingStatus to) {
}
