package com.aventian.portal.account;

import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import com.aventian.portal.shared.web.ClientAddress;

/** What "your sessions" shows of a session: noted in the session itself when it signs in. */
final class SessionDetails {

	static final String USER_AGENT = "aventian.session.userAgent";

	static final String IP = "aventian.session.ip";

	static final String SIGNED_IN_AT = "aventian.session.signedInAt";

	private SessionDetails() {
	}

	static void note(HttpServletRequest request) {
		HttpSession session = request.getSession();
		String agent = request.getHeader("User-Agent");
		session.setAttribute(USER_AGENT, agent == null ? "" : agent.substring(0, Math.min(agent.length(), 400)));
		var address = ClientAddress.of(request);
		session.setAttribute(IP, address == null ? "" : address.getHostAddress());
		session.setAttribute(SIGNED_IN_AT, Instant.now().toString());
	}

	/** "Chrome on Linux" from a user agent, for people rather than machines. */
	static String describe(String userAgent) {
		if (userAgent == null || userAgent.isBlank()) {
			return "Unknown browser";
		}
		String browser = userAgent.contains("Edg/") ? "Edge"
				: userAgent.contains("Firefox/") ? "Firefox"
						: (userAgent.contains("Chrome/") || userAgent.contains("Chromium/")) ? "Chrome"
								: userAgent.contains("Safari/") ? "Safari" : "A browser";
		String system = userAgent.contains("Windows") ? "Windows"
				: (userAgent.contains("iPhone") || userAgent.contains("iPad")) ? "iOS"
						: userAgent.contains("Mac OS X") ? "macOS"
								: userAgent.contains("Android") ? "Android" : userAgent.contains("Linux") ? "Linux" : "an unknown system";
		return browser + " on " + system;
	}

}
