package com.aventian.portal.rbac;

import java.util.UUID;

/**
 * A product the team has (an association not cancelled), as the products' API tells it: the subscription's
 * status and its billing status ({@code NONE} without billing). Cached with the member's privileges, so a
 * product's GetUserDetails and authorize need no query on a warm call: every change of either status
 * invalidates the team's cached privileges ({@link PrivilegesChanged}, {@code billing.BillingStatusChanged}).
 */
public record TeamProduct(UUID productId, String status, String billingStatus) {
}
