package com.aventian.portal.audit;

import java.util.Map;
import java.util.UUID;

/** What a feature tells the audit log; time and client address are added by {@link AuditLog}. */
public record AuditEntry(UUID actorUserId, String actorEmail, String action, String targetType, String targetId,
		UUID teamId, UUID productId, Map<String, ?> details) {

	public static AuditEntry of(UUID actorUserId, String actorEmail, String action, String targetType, Object targetId) {
		return new AuditEntry(actorUserId, actorEmail, action, targetType, String.valueOf(targetId), null, null, Map.of());
	}

	public AuditEntry inTeam(UUID teamId) {
		return new AuditEntry(this.actorUserId, this.actorEmail, this.action, this.targetType, this.targetId, teamId,
				this.productId, this.details);
	}

	public AuditEntry forProduct(UUID productId) {
		return new AuditEntry(this.actorUserId, this.actorEmail, this.action, this.targetType, this.targetId,
				this.teamId, productId, this.details);
	}

	public AuditEntry withDetails(Map<String, ?> details) {
		return new AuditEntry(this.actorUserId, this.actorEmail, this.action, this.targetType, this.targetId,
				this.teamId, this.productId, details);
	}

}
