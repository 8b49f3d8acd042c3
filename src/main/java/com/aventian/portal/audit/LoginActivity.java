package com.aventian.portal.audit;

import java.net.InetAddress;
import java.time.Instant;
import java.util.UUID;

/** One row of {@code aventian_audit.tbl_login_activity}; {@code userAgent} is the browser's own description. */
public record LoginActivity(Long id, String userEmail, UUID teamId, UUID productId, LoginAction action,
		Instant timestamp, InetAddress ip, String userAgent) {
}
