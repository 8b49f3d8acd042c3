package com.aventian.portal.audit;

import java.util.Arrays;
import java.util.List;

/**
 * The actions the portal writes to {@code tbl_audit_events}: the viewer offers them as a filter and refuses
 * any other, and the completeness test walks them. A feature that audits a new action adds it here.
 */
public final class AuditActions {

	/** Every action written by the portal today, by the feature writing it. */
	public static final List<String> ALL = List.of(
			// accounts
			"USER_CREATED", "EMAIL_VERIFIED", "PROFILE_UPDATED", "EMAIL_CHANGED", "PASSWORD_CHANGED", "PASSWORD_RESET",
			"IDENTITY_LINKED", "IDENTITY_UNLINKED", "SESSION_ENDED", "SIGN_IN_LOCKED", "USER_DISABLED", "USER_ENABLED",
			"PLATFORM_ADMIN_GRANTED",
			// teams and memberships
			"TEAM_CREATED", "TEAM_RENAMED", "TEAM_DELETED", "ROLE_CHANGED", "OWNERSHIP_TRANSFERRED",
			"MEMBER_REMOVED", "MEMBER_LEFT",
			// invitations
			"INVITATION_SENT", "INVITATION_RESENT", "INVITATION_REVOKED", "INVITATION_ACCEPTED",
			// a team's roles and grants (rbac)
			"ROLE_CREATED", "ROLE_RENAMED", "ROLE_DESCRIBED", "ROLE_DELETED", "ROLE_PRIVILEGES_CHANGED",
			"ROLE_ASSIGNED", "ROLE_UNASSIGNED",
			// a team's resources, registered in the portal (rbac) or by a product through the API
			"RESOURCE_REGISTERED", "RESOURCE_RENAMED", "RESOURCE_DELETED",
			// the product registry
			"PRODUCT_CREATED", "PRODUCT_UPDATED", "PRODUCT_RETIRED", "PRODUCT_REACTIVATED", "PRODUCT_DELETED",
			"PRODUCT_RESOURCE_TYPE_ADDED", "PRODUCT_RESOURCE_TYPE_REMOVED", "PRIVILEGE_CREATED", "PRIVILEGE_UPDATED",
			"PRIVILEGE_DELETED", "TEAM_PRODUCT_ASSOCIATED",
			// role templates and their copies in teams
			"ROLE_TEMPLATE_CREATED", "ROLE_TEMPLATE_UPDATED", "ROLE_TEMPLATE_DELETED", "ROLE_TEMPLATE_REAPPLIED",
			"ROLE_COPIED_FROM_TEMPLATE",
			// products' API keys
			"API_KEY_CREATED", "API_KEY_REVOKED",
			// a team's subscriptions and their databases (provisioning; the run and the drop are background jobs)
			"SUBSCRIBED", "PROVISIONING_STARTED", "PROVISIONING_SUCCEEDED", "PROVISIONING_FAILED", "PROVISIONING_RETRIED",
			"SUBSCRIPTION_CANCELLED", "SUBSCRIPTION_DATABASE_DROPPED", "DB_CONNECTION_READ",
			// the keys encrypting the stored connections (crypto, by a platform admin)
			"ENCRYPTION_KEY_ROTATED", "ENCRYPTION_KEYS_DISABLED",
			// plans (billing, by a platform admin)
			"PLAN_CREATED", "PLAN_UPDATED", "PLAN_VERSION_CREATED",
			// a team's billing: details, a subscription's plan, seats, end and status (renewals and dunning included)
			"BILLING_DETAILS_CHANGED", "SUBSCRIPTION_CREATED", "SUBSCRIPTION_PLAN_CHANGED",
			"SUBSCRIPTION_PLAN_CHANGE_SCHEDULED", "SUBSCRIPTION_SEATS_CHANGED", "SUBSCRIPTION_SEATS_CHANGE_SCHEDULED",
			"SUBSCRIPTION_CANCEL_SCHEDULED", "SUBSCRIPTION_RESUMED", "SUBSCRIPTION_CHANGE_APPLIED",
			"SUBSCRIPTION_STATUS_CHANGED",
			// invoices and payments (manual, or reported by Stripe's webhook)
			"INVOICE_ISSUED", "CREDIT_NOTE_ISSUED", "INVOICE_VOIDED", "INVOICE_PAID", "PAYMENT_FAILED",
			"PAYMENT_NOT_APPLIED");

	/**
	 * The kinds of target the portal's own events name; events a product writes through the API name the
	 * product's own kinds (see {@link ProductActions}).
	 */
	public static final List<String> TARGET_TYPES = List.of("user", "team", "invitation", "email", "role", "resource",
			"product", "role_template", "api_key", "subscription", "keyset", "plan", "invoice");

	/** The actions of {@code tbl_login_activity}. */
	public static final List<String> LOGIN_ACTIONS = Arrays.stream(LoginAction.values()).map(Enum::name).toList();

	private AuditActions() {
	}

}
