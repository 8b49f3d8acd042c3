package com.aventian.portal.invitation;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.aventian.portal.account.EmailAddress;
import com.aventian.portal.account.User;
import com.aventian.portal.audit.AuditEntry;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.audit.LoginAction;
import com.aventian.portal.mail.OutgoingMail;
import com.aventian.portal.mail.Postman;
import com.aventian.portal.shared.security.RandomToken;
import com.aventian.portal.shared.web.PublicUrl;
import com.aventian.portal.team.MembershipService;
import com.aventian.portal.team.TeamAccess;
import com.aventian.portal.team.TeamRole;
import com.aventian.portal.team.TeamRuleException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Invitations by e-mail. A link is a 256-bit token kept only as a hash, bound to the invited e-mail,
 * single use, expiring; resending replaces it. Accepting joins the signed-in person only when their
 * e-mail is the invited one.
 */
@Service
public class InvitationService {

	static final int MAX_PER_SUBMISSION = 100;

	private final InvitationMapper invitations;

	private final MembershipService memberships;

	private final TeamAccess access;

	private final Postman postman;

	private final PublicUrl publicUrl;

	private final AuditLog audit;

	private final Clock clock;

	private final Duration validity;

	InvitationService(InvitationMapper invitations, MembershipService memberships, TeamAccess access, Postman postman,
			PublicUrl publicUrl, AuditLog audit, Clock clock,
			@Value("${aventian.invitations.validity:7d}") Duration validity) {
		this.invitations = invitations;
		this.memberships = memberships;
		this.access = access;
		this.postman = postman;
		this.publicUrl = publicUrl;
		this.audit = audit;
		this.clock = clock;
		this.validity = validity;
	}

	/** The team's invitations, newest first, each with its history; invitations past their time show as expired. */
	@Transactional
	public List<InvitationListing> ofTeam(UUID teamId) {
		Instant now = this.clock.instant();
		for (UUID expired : this.invitations.updateExpired(teamId, now)) {
			this.invitations.insertEvent(expired, "EXPIRED", null, now);
		}
		Map<UUID, List<InvitationEvent>> events = this.invitations.findEventsOfTeam(teamId)
			.stream()
			.collect(Collectors.groupingBy(InvitationEvent::invitationId));
		return this.invitations.findTeamInvitations(teamId)
			.stream()
			.map((view) -> new InvitationListing(view, events.getOrDefault(view.id(), List.of())))
			.toList();
	}

	/** The roles the inviter may give: those holding no privilege the inviter lacks. */
	public List<TeamRole> rolesGivableBy(UUID teamId, UUID inviterId) {
		Set<String> mine = this.access.privilegesOf(teamId, inviterId);
		return this.memberships.roles(teamId)
			.stream()
			.filter((role) -> mine.containsAll(this.access.privilegesOfRole(role.id())))
			.toList();
	}

	/**
	 * Invites each e-mail of the list (comma or newline separated). Valid, new e-mails get a mail; the
	 * others are reported with the reason. More than 100 e-mails are refused whole.
	 */
	@Transactional
	public InviteOutcome invite(UUID teamId, Inviter inviter, String emailList, UUID roleId) {
		List<String> entries = split(emailList);
		if (entries.isEmpty()) {
			throw new TeamRuleException("Type at least one e-mail address.");
		}
		if (entries.size() > MAX_PER_SUBMISSION) {
			throw new TeamRuleException("You can invite at most " + MAX_PER_SUBMISSION + " people at once; this list has "
					+ entries.size() + ". Split it into smaller lists.");
		}
		TeamRole role = rolesGivableBy(teamId, inviter.userId()).stream()
			.filter((candidate) -> candidate.id().equals(roleId))
			.findFirst()
			.orElseThrow(() -> new TeamRuleException("Choose a role you may give: none above your own."));
		Instant now = this.clock.instant();
		Set<String> members = new HashSet<>(this.invitations.findMemberEmails(teamId));
		Set<String> pending = new HashSet<>(this.invitations.findPendingEmails(teamId, now));
		for (UUID expired : this.invitations.updateExpired(teamId, now)) {
			this.invitations.insertEvent(expired, "EXPIRED", null, now);
		}
		Set<String> seen = new HashSet<>();
		List<String> sent = new ArrayList<>();
		List<InviteOutcome.Refused> refused = new ArrayList<>();
		for (String entry : entries) {
			String key = EmailAddress.normalize(entry);
			if (!EmailAddress.isValid(entry)) {
				refused.add(new InviteOutcome.Refused(shorten(entry), "not a valid e-mail address"));
			}
			else if (!seen.add(key)) {
				refused.add(new InviteOutcome.Refused(entry, "listed twice; invited once"));
			}
			else if (members.contains(key)) {
				refused.add(new InviteOutcome.Refused(entry, "already a member of the team"));
			}
			else if (pending.contains(key)) {
				refused.add(new InviteOutcome.Refused(entry, "already invited; resend that invitation instead"));
			}
			else {
				send(teamId, inviter, key, role, now);
				sent.add(entry);
			}
		}
		return new InviteOutcome(sent, refused);
	}

	@Transactional
	public void resend(UUID teamId, Inviter inviter, UUID invitationId) {
		Invitation invitation = pendingOf(teamId, invitationId);
		RandomToken token = RandomToken.generate();
		Instant now = this.clock.instant();
		this.invitations.updateToken(invitation.id(), token.hash(), now.plus(this.validity));
		this.invitations.insertEvent(invitation.id(), "RESENT", inviter.userId(), now);
		mail(invitation.email(), inviter, this.invitations.findView(invitation.id()).orElseThrow(), token);
		this.audit.record(AuditEntry.of(inviter.userId(), inviter.email(), "INVITATION_RESENT", "invitation", invitation.id())
			.inTeam(teamId)
			.withDetails(Map.of("email", invitation.email())));
	}

	@Transactional
	public void revoke(UUID teamId, Inviter inviter, UUID invitationId) {
		Invitation invitation = pendingOf(teamId, invitationId);
		Instant now = this.clock.instant();
		if (this.invitations.updateStatusFromPending(invitation.id(), "REVOKED", now, null) == 1) {
			this.invitations.insertEvent(invitation.id(), "REVOKED", inviter.userId(), now);
			this.audit.record(AuditEntry.of(inviter.userId(), inviter.email(), "INVITATION_REVOKED", "invitation", invitation.id())
				.inTeam(teamId)
				.withDetails(Map.of("email", invitation.email())));
		}
	}

	/** What a presented link is: usable (with its invitation), or why not, with the inviter when known. */
	@Transactional
	public LinkCheck open(String token) {
		LinkCheck check = check(token);
		if (check.usable() && !this.invitations.existsOpenedEvent(check.invitation().id())) {
			this.invitations.insertEvent(check.invitation().id(), "OPENED", null, this.clock.instant());
		}
		return check;
	}

	public LinkCheck check(String token) {
		if (token == null || token.isBlank() || token.length() > 100) {
			return LinkCheck.invalid();
		}
		Optional<Invitation> found = this.invitations.findInvitationByTokenHash(RandomToken.hashOf(token));
		if (found.isEmpty()) {
			return LinkCheck.invalid();
		}
		Invitation invitation = found.get();
		InvitationView view = this.invitations.findView(invitation.id()).orElseThrow();
		if (invitation.isPending() && !invitation.expiresAt().isAfter(this.clock.instant())) {
			return new LinkCheck(LinkCheck.State.EXPIRED, invitation, view);
		}
		return switch (invitation.status()) {
			case "PENDING" -> new LinkCheck(LinkCheck.State.USABLE, invitation, view);
			case "ACCEPTED" -> new LinkCheck(LinkCheck.State.USED, invitation, view);
			case "REVOKED" -> new LinkCheck(LinkCheck.State.REVOKED, invitation, view);
			default -> new LinkCheck(LinkCheck.State.EXPIRED, invitation, view);
		};
	}

	/**
	 * Joins the user to the team with the invited role. Only for the invited e-mail; exactly one of two
	 * concurrent acceptances wins, the other is told the link was used.
	 */
	@Transactional
	public LinkCheck accept(String token, User user, InetAddress client) {
		LinkCheck check = check(token);
		if (!check.usable()) {
			return check;
		}
		Invitation invitation = check.invitation();
		if (!EmailAddress.normalize(invitation.email()).equals(EmailAddress.normalize(user.email()))) {
			return new LinkCheck(LinkCheck.State.OTHER_EMAIL, invitation, check.view());
		}
		Instant now = this.clock.instant();
		if (this.invitations.updateStatusFromPending(invitation.id(), "ACCEPTED", now, user.id()) == 0) {
			return new LinkCheck(LinkCheck.State.USED, invitation, check.view());
		}
		this.invitations.insertEvent(invitation.id(), "ACCEPTED", user.id(), now);
		if (this.access.isMember(invitation.teamId(), user.id())) {
			return new LinkCheck(LinkCheck.State.ALREADY_MEMBER, invitation, check.view());
		}
		this.memberships.addMemberWithRole(invitation.teamId(), user.id(), invitation.roleId(), invitation.invitedBy());
		this.audit.recordLogin(user.email(), LoginAction.INVITATION_ACCEPTED, invitation.teamId(), client);
		this.audit.record(AuditEntry.of(user.id(), user.email(), "INVITATION_ACCEPTED", "invitation", invitation.id())
			.inTeam(invitation.teamId())
			.withDetails(Map.of("role", check.view().roleName())));
		return new LinkCheck(LinkCheck.State.ACCEPTED, invitation, check.view());
	}

	private void send(UUID teamId, Inviter inviter, String email, TeamRole role, Instant now) {
		RandomToken token = RandomToken.generate();
		Invitation invitation = new Invitation(UUID.randomUUID(), teamId, email, role.id(), token.hash(), "PENDING",
				inviter.userId(), now, now.plus(this.validity), null, null);
		this.invitations.insertInvitation(invitation);
		this.invitations.insertEvent(invitation.id(), "SENT", inviter.userId(), now);
		mail(email, inviter, this.invitations.findView(invitation.id()).orElseThrow(), token);
		this.audit.record(AuditEntry.of(inviter.userId(), inviter.email(), "INVITATION_SENT", "invitation", invitation.id())
			.inTeam(teamId)
			.withDetails(Map.of("email", email, "role", role.name())));
	}

	private void mail(String email, Inviter inviter, InvitationView view, RandomToken token) {
		this.postman.send(new OutgoingMail(email, inviter.displayName() + " invited you to " + view.teamName() + " on Aventian",
				"Hello,\n\n" + inviter.displayName() + " (" + inviter.email() + ") invited you to join the team "
						+ view.teamName() + " on Aventian as " + view.roleName() + ".\n\n"
						+ "Accept the invitation here:\n"
						+ this.publicUrl.of("/invitations/accept", "token", token.value()) + "\n\n"
						+ "The link is for " + email + " only, works once and expires in "
						+ this.validity.toDays() + " days.\n"
						+ "If you did not expect this, ignore this mail."));
	}

	private Invitation pendingOf(UUID teamId, UUID invitationId) {
		Invitation invitation = this.invitations.findInvitation(teamId, invitationId)
			.orElseThrow(InvitationNotFoundException::new);
		if (!invitation.isPending()) {
			throw new TeamRuleException("This invitation is no longer open.");
		}
		return invitation;
	}

	static List<String> split(String emailList) {
		if (emailList == null) {
			return List.of();
		}
		List<String> all = new ArrayList<>();
		for (String part : emailList.split("[,;\\n\\r]+")) {
			String entry = part.strip();
			if (!entry.isEmpty()) {
				all.add(entry);
			}
		}
		return all;
	}

	private static String shorten(String entry) {
		return entry.length() > 80 ? entry.substring(0, 80) + "…" : entry;
	}

	/** Who invites. */
	public record Inviter(UUID userId, String email, String displayName) {
	}

}
