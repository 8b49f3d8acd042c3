package com.aventian.portal.audit;

import java.net.InetAddress;
import java.time.Instant;
import java.util.UUID;

/** One row of {@code aventian_audit.tbl_login_activity}; {@code userAgent} is the browser's own description. */
public record LoginActivity(Long id, String userEmail, UUID teamId, UUID productId, LoginAction action,
		Instant timestamp, InetAddress ip, String userAgent) {

	/** The browser and system in a few words ("Firefox on Windows"), or "unknown browser". */
	public String browser() {
		if (this.userAgent == null) {
			return "unknown browser";
		}
		String agent = this.userAgent;
		String browser = agent.contains("Edg/") ? "Edge" : agent.contains("OPR/") ? "Opera"
				: agent.contains("Firefox/") ? "Firefox" : agent.contains("Chrome/") || agent.contains("Chromium/") ? "Chrome"
				: agent.contains("Safari/") ? "Safari" : null;
		String system = agent.contains("Android") ? "Android" : agent.contains("iPhone") || agent.contains("iPad") ? "iOS"
				: agent.contains("Windows") ? "Windows" : agent.contains("Mac OS X") ? "macOS"
				: agent.contains("Linux") ? "Linux" : null;
		if (browser == null) {
			return agent.length() > 40 ? agent.substring(0, 40) + "…" : agent;
		}
		return (system != null) ? browser + " on " + system : browser;
	}

}
