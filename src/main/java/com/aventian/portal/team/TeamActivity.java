package com.aventian.portal.team;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Component;

/**
 * "Last active" of a member, kept cheap on the pages that note it: the session remembers when it last
 * wrote the team's {@code last_active_at}, so a browser causes at most one UPDATE per {@link #INTERVAL}
 * and none on the requests in between; the UPDATE itself skips rows written within the interval, so
 * other browsers and instances of the same member add no rewrite either.
 */
@Component
class TeamActivity {

	static final Duration INTERVAL = Duration.ofMinutes(5);

	private static final String NOTED_PREFIX = "aventian.lastActiveNoted.";

	private final TeamService teams;

	private final Clock clock;

	TeamActivity(TeamService teams, Clock clock) {
		this.teams = teams;
		this.clock = clock;
	}

	void seen(HttpServletRequest request, UUID teamId, UUID userId) {
		HttpSession session = request.getSession(false);
		Instant now = this.clock.instant();
		if (session != null && session.getAttribute(NOTED_PREFIX + teamId) instanceof Instant noted
				&& noted.isAfter(now.minus(INTERVAL))) {
			return;
		}
		this.teams.touch(teamId, userId);
		if (session != null) {
			session.setAttribute(NOTED_PREFIX + teamId, now);
		}
	}

}
