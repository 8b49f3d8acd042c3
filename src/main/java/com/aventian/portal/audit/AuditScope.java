package com.aventian.portal.audit;

import java.util.UUID;

/**
 * Whose audit trail a reader may see: one team's (a team admin holding {@code audit.read}), or all of it
 * (a platform admin). Every read of the viewer goes through a scope, so a team's query can never lack its team.
 */
public record AuditScope(UUID teamId) {

	public static AuditScope team(UUID teamId) {
		if (teamId == null) {
			throw new IllegalArgumentException("A team scope needs its team");
		}
		return new AuditScope(teamId);
	}

	public static AuditScope platform() {
		return new AuditScope(null);
	}

	public boolean isPlatform() {
		return this.teamId == null;
	}

}
