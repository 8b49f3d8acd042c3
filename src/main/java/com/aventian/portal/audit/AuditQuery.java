package com.aventian.portal.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One read of the viewer as the mapper binds it: the scope's team (or none, platform-wide), the filter's
 * values, and where the keyset page starts.
 */
record AuditQuery(UUID scopeTeamId, String actor, String action, String targetType, String textPattern, UUID teamId,
		UUID productId, Instant fromAt, Instant toAt, Instant beforeAt, Long beforeId, Integer limit) {

	static AuditQuery of(AuditScope scope, AuditFilter filter, AuditCursor cursor, Integer limit) {
		return new AuditQuery(scope.teamId(), filter.actor(), filter.action(), filter.targetType(), filter.textPattern(),
				filter.teamId(), filter.productId(), filter.fromInstant(), filter.toExclusive(),
				(cursor != null) ? cursor.at() : null, (cursor != null) ? cursor.id() : null, limit);
	}

}
