package com.aventian.portal.invitation;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import com.aventian.portal.audit.AuditEntry;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.team.MembershipChanged;
import com.aventian.portal.team.TeamDeleted;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * An invitation carries its inviter's authority, so it dies with it: when a member is removed, leaves
 * or is demoted, their pending invitations they could no longer send are revoked; when a team is
 * deleted, all of its pending invitations are. Runs inside the causing transaction (synchronous
 * listeners), each revocation audited with its reason.
 */
@Component
class InvitationRevocations {

	private final InvitationMapper invitations;

	private final AuditLog audit;

	private final Clock clock;

	private final InviterAuthority authority;

	InvitationRevocations(InvitationMapper invitations, InviterAuthority authority, AuditLog audit, Clock clock) {
		this.invitations = invitations;
		this.authority = authority;
		this.audit = audit;
		this.clock = clock;
	}

	@EventListener
	void membershipChanged(MembershipChanged change) {
		Predicate<Invitation> stillSendable = this.authority.of(change.teamId(), change.userId());
		for (Invitation invitation : this.invitations.findPendingOfInviter(change.teamId(), change.userId())) {
			if (!stillSendable.test(invitation)) {
				revoke(invitation, change.actorId(), change.actorEmail(), change.change());
			}
		}
	}

	@EventListener
	void teamDeleted(TeamDeleted deleted) {
		for (Invitation invitation : this.invitations.findPendingOfTeam(deleted.teamId())) {
			revoke(invitation, deleted.actorId(), deleted.actorEmail(), "TEAM_DELETED");
		}
	}

	/** Revokes a still pending invitation; {@code reason} says why, in the audit row. */
	void revoke(Invitation invitation, UUID actorId, String actorEmail, String reason) {
		Instant now = this.clock.instant();
		if (this.invitations.updateStatusFromPending(invitation.id(), "REVOKED", now, null) == 1) {
			this.invitations.insertEvent(invitation.id(), "REVOKED", actorId, now);
			this.audit.record(AuditEntry.of(actorId, actorEmail, "INVITATION_REVOKED", "invitation", invitation.id())
				.inTeam(invitation.teamId())
				.withDetails(Map.of("email", invitation.email(), "reason", reason)));
		}
	}

}
