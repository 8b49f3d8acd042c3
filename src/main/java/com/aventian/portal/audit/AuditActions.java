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
			"INVITATION_SENT", "INVITATION_RESENT", "INVITATION_REVOKED", "INVITATION_ACCEPTED");

	/** The kinds of target events name. */
	public static final List<String> TARGET_TYPES = List.of("user", "team", "invitation", "email");

	/** The actions of {@code tbl_login_activity}. */
	public static final List<String> LOGIN_ACTIONS = Arrays.stream(LoginAction.values()).map(Enum::name).toList();

	private AuditActions() {
	}

}
