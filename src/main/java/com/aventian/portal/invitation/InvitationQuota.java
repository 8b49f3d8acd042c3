package com.aventian.portal.invitation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.aventian.portal.throttle.ThrottledException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Daily quotas of invitation mail, per inviter (across all their teams) and per team, so a fresh account
 * cannot use the portal to mail strangers by the thousand. Counted in PostgreSQL from the invitation
 * history (SENT and RESENT events of the last 24 hours) rather than in Redis counters: the history is
 * written in the same transaction as the mail, so a refused or rolled-back list uses no quota, and the
 * count cannot drift from what was sent. Transaction-scoped advisory locks on the team and the inviter
 * make check-then-send atomic across instances.
 */
@Component
class InvitationQuota {

	static final Duration WINDOW = Duration.ofDays(1);

	private final InvitationMapper invitations;

	private final Clock clock;

	private final int perInviter;

	private final int perTeam;

	InvitationQuota(InvitationMapper invitations, Clock clock,
			@Value("${aventian.invitations.daily-limit.per-inviter:50}") int perInviter,
			@Value("${aventian.invitations.daily-limit.per-team:200}") int perTeam) {
		this.invitations = invitations;
		this.clock = clock;
		this.perInviter = perInviter;
		this.perTeam = perTeam;
	}

	/**
	 * Holds the team's and the inviter's quota until the transaction ends (always in this order, so two
	 * holders never wait on each other). Whatever the caller reads after this sees every send committed
	 * before it.
	 */
	void hold(UUID teamId, UUID inviterId) {
		this.invitations.lock("invitation-quota:team:" + teamId);
		this.invitations.lock("invitation-quota:inviter:" + inviterId);
	}

	/** Refuses, with 429 and what remains, a list of {@code mails} that either quota cannot take whole. */
	void allowList(UUID teamId, UUID inviterId, int mails) {
		allow(teamId, inviterId, mails, "; this list has " + mails + ".");
	}

	void allowResend(UUID teamId, UUID inviterId) {
		allow(teamId, inviterId, 1, ".");
	}

	private void allow(UUID teamId, UUID inviterId, int mails, String ending) {
		Instant now = this.clock.instant();
		Instant since = now.minus(WINDOW);
		Use inviter = this.invitations.findMailUseOfInviter(inviterId, since);
		if (inviter.count() + mails > this.perInviter) {
			throw refusal(inviter, this.perInviter, now, "You can send " + left(inviter, this.perInviter)
					+ " more invitations today" + ending);
		}
		Use team = this.invitations.findMailUseOfTeam(teamId, since);
		if (team.count() + mails > this.perTeam) {
			throw refusal(team, this.perTeam, now, "This team can send " + left(team, this.perTeam)
					+ " more invitations today" + ending);
		}
	}

	private static long left(Use use, int limit) {
		return Math.max(0, limit - use.count());
	}

	/** Retry after the oldest counted mail leaves the window: then at least one more can go. */
	private static ThrottledException refusal(Use use, int limit, Instant now, String reason) {
		Duration wait = (use.oldest() == null) ? WINDOW : Duration.between(now, use.oldest().plus(WINDOW));
		return new ThrottledException(wait.isNegative() ? Duration.ofSeconds(1) : wait, reason);
	}

	/** Invitation mail sent in the window, and when the oldest of it went. */
	record Use(long count, Instant oldest) {
	}

}
