package com.aventian.portal.audit;

import java.net.InetAddress;
import java.time.Instant;
import java.util.UUID;

import com.aventian.portal.shared.mybatis.Jsonb;

/** One row of {@code aventian_audit.tbl_audit_events}: who did what to which target, in which team. */
public record AuditEvent(Long id, Instant occurredAt, UUID actorUserId, String actorEmail, String action,
		String targetType, String targetId, UUID teamId, UUID productId, Jsonb details, InetAddress ip) {
}
