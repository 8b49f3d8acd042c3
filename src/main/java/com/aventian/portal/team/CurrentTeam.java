package com.aventian.portal.team;

import java.util.UUID;

import jakarta.servlet.http.HttpSession;

/** The team a person works in, kept in their session: it decides where they land, nothing more. */
public final class CurrentTeam {

	static final String SESSION_ATTRIBUTE = "aventian.currentTeam";

	private CurrentTeam() {
	}

	public static UUID of(HttpSession session) {
		return (session != null && session.getAttribute(SESSION_ATTRIBUTE) instanceof UUID id) ? id : null;
	}

	public static void set(HttpSession session, UUID teamId) {
		session.setAttribute(SESSION_ATTRIBUTE, teamId);
	}

}
