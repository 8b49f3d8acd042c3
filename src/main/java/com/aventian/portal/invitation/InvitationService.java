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

import com.aventian.portal.account.AccountService;
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
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Invitations by e-mail. A link is a 256-bit token kept only as a hash, bound to the invited e-mail,
 * single use, expiring; resending replaces it. Accepting joins the signed-in person only when their
 * e-mail is the invited one.
 */
@Service
public class InvitationService {

	static final int MAX_PER_SUBMISSION = 100;

	/** Longer than any token the portal issues (43 characters): such a value is not looked up at all. */
	static final int MAX_TOKEN_LENGTH = 100;

	private final InvitationMapper invitations;

	private final MembershipService memberships;

	private final TeamAccess access;

	private final Postman postman;

	private final PublicUrl publicUrl;

	private final AuditLog audit;

	private final Clock clock;

	private final Duration validity;

	private final InvitationRevocations revocations;

	private final AccountService accounts;

	private final InvitationQuota quota;

	private final InviterAuthority authority;

	InvitationService(InvitationMapper invitations, MembershipService memberships, TeamAccess access, Postman postman,
			PublicUrl publicUrl, AuditLog audit, Clock clock,
			@Value("${aventian.invitations.validity:7d}") Duration validity, InvitationRevocations revocations,
			AccountService accounts, InvitationQuota quota, InviterAuthority authority) {
		this.authority = authority;
		this.invitations = invitations;
		this.memberships = memberships;
		this.access = access;
		this.postman = postman;
		this.publicUrl = publicUrl;
		this.audit = audit;
		this.clock = clock;
		this.validity = validity;
		this.revocations = revocations;
		this.accounts = accounts;
		this.quota = quota;
	}

	/**
	 * A page of the team's invitations (pending first, then newest first), each with its history, loaded
	 * for the rows shown only; invitations past their time show as expired.
	 */
	@Transactional
	public InvitationsPage ofTeam(UUID teamId, int page) {
		Instant now = this.clock.instant();
		for (UUID expired : this.invitations.updateExpired(teamId, now)) {
			this.invitations.insertEvent(expired, "EXPIRED", null, now);
		}
		long total = this.invitations.countTeamInvitations(teamId);
		int shown = InvitationsPage.clamp(page, total);
		List<InvitationView> views = this.invitations.findTeamInvitations(teamId, InvitationsPage.SIZE,
				(shown - 1) * InvitationsPage.SIZE);
		Map<UUID, List<InvitationEvent>> events = views.isEmpty() ? Map.of()
				: this.invitations.findEventsOf(views.stream().map(InvitationView::id).toList())
					.stream()
					.collect(Collectors.groupingBy(InvitationEvent::invitationId));
		return new InvitationsPage(views.stream()
			.map((view) -> new InvitationListing(view, events.getOrDefault(view.id(), List.of())))
			.toList(), shown, total);
	}

	/** The roles the inviter may give: those holding no privilege the inviter lacks. */
	public List<TeamRole> rolesGivableBy(UUID teamId, UUID inviterId) {
		return this.memberships.rolesGivableBy(teamId, inviterId);
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
		// one list at a time per team and per inviter: what is read below includes every committed send
		this.quota.hold(teamId, inviter.userId());
		Instant now = this.clock.instant();
		Set<String> members = new HashSet<>(this.invitations.findMemberEmails(teamId));
		Set<String> pending = new HashSet<>(this.invitations.findPendingEmails(teamId, now));
		for (UUID expired : this.invitations.updateExpired(teamId, now)) {
			this.invitations.insertEvent(expired, "EXPIRED", null, now);
		}
		Set<String> seen = new HashSet<>();
		List<String> toSend = new ArrayList<>();
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
				toSend.add(key);
			}
		}
		if (!toSend.isEmpty()) {
			// an invitation nobody could accept is not sent (acceptance checks again, under the team's lock)
			this.memberships.refusalToJoin(teamId, toSend.size()).ifPresent((refusal) -> {
				throw new TeamRuleException(refusal);
			});
			this.quota.allowList(teamId, inviter.userId(), toSend.size());
		}
		List<String> sent = new ArrayList<>();
		for (String entry : toSend) {
			if (send(teamId, inviter, entry, role, now)) {
				sent.add(entry);
			}
			else {
				refused.add(new InviteOutcome.Refused(entry, "already invited; resend that invitation instead"));
			}
		}
		return new InviteOutcome(sent, refused);
	}

	@Transactional
	public void resend(UUID teamId, Inviter inviter, UUID invitationId) {
		Invitation invitation = pendingOf(teamId, invitationId);
		this.quota.hold(teamId, inviter.userId());
		this.quota.allowResend(teamId, inviter.userId());
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
		LinkCheck check = withInvitersAuthority(check(token));
		if (check.usable() && !this.invitations.existsOpenedEvent(check.invitation().id())) {
			this.invitations.insertEvent(check.invitation().id(), "OPENED", null, this.clock.instant());
		}
		return check;
	}

	public LinkCheck check(String token) {
		if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
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
	 * Joins the user to the team with the invited role. Only for the invited e-mail, only while the
	 * team lives and the inviter still holds the authority to send it; exactly one of two concurrent
	 * acceptances wins, the other is told the link was used.
	 */
	@Transactional
	public LinkCheck accept(String token, User user, InetAddress client) {
		LinkCheck check = lockedForAcceptance(token);
		if (!check.usable()) {
			return check;
		}
		Invitation invitation = check.invitation();
		if (!EmailAddress.normalize(invitation.email()).equals(EmailAddress.normalize(user.email()))) {
			return new LinkCheck(LinkCheck.State.OTHER_EMAIL, invitation, check.view());
		}
		boolean member = this.access.isMember(invitation.teamId(), user.id());
		if (!member && this.memberships.refusalToJoin(invitation.teamId(), 1).isPresent()) {
			// the link stays open: once the team has room (a seat added), the same link joins
			return new LinkCheck(LinkCheck.State.TEAM_FULL, invitation, check.view());
		}
		Instant now = this.clock.instant();
		if (this.invitations.updateStatusFromPending(invitation.id(), "ACCEPTED", now, user.id()) == 0) {
			return new LinkCheck(LinkCheck.State.USED, invitation, check.view());
		}
		this.invitations.insertEvent(invitation.id(), "ACCEPTED", user.id(), now);
		if (member) {
			return new LinkCheck(LinkCheck.State.ALREADY_MEMBER, invitation, check.view());
		}
		this.memberships.addMemberWithRole(invitation.teamId(), user.id(), invitation.roleId(), invitation.invitedBy());
		this.audit.recordLogin(user.email(), LoginAction.INVITATION_ACCEPTED, invitation.teamId(), client);
		this.audit.record(AuditEntry.of(user.id(), user.email(), "INVITATION_ACCEPTED", "invitation", invitation.id())
			.inTeam(invitation.teamId())
			.withDetails(Map.of("role", check.view().roleName())));
		return new LinkCheck(LinkCheck.State.ACCEPTED, invitation, check.view());
	}

	/**
	 * The invited sign-up: creates the account for the invited e-mail and accepts, all or nothing. A link
	 * that no longer works creates no account; a failure while joining rolls the account back with it.
	 */
	@Transactional
	public InvitedSignUp signUpAndAccept(String token, String displayName, String rawPassword, InetAddress client) {
		LinkCheck ready = lockedForAcceptance(token);
		if (!ready.usable()) {
			// commits what the check found (a revocation), and no account
			return new InvitedSignUp(null, ready);
		}
		User user = this.accounts.createInvitedUser(ready.invitation().email(), displayName, rawPassword);
		LinkCheck accepted = accept(token, user, client);
		if (accepted.state() != LinkCheck.State.ACCEPTED) {
			TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
			return new InvitedSignUp(null, accepted);
		}
		return new InvitedSignUp(user, accepted);
	}

	/**
	 * The link's state once the team's row is locked (membership changes of the team, such as removing
	 * the inviter, run one at a time with this acceptance), with the inviter's authority checked.
	 */
	private LinkCheck lockedForAcceptance(String token) {
		LinkCheck check = check(token);
		if (!check.usable()) {
			return check;
		}
		if (this.invitations.lockLiveTeam(check.invitation().teamId()).isEmpty()) {
			return noLongerValid(check, "TEAM_DELETED");
		}
		return withInvitersAuthority(check(token));
	}

	/** A usable link whose team is gone or whose inviter lost the authority to send it is revoked, and says so. */
	private LinkCheck withInvitersAuthority(LinkCheck check) {
		if (!check.usable()) {
			return check;
		}
		if (!this.invitations.existsLiveTeam(check.invitation().teamId())) {
			return noLongerValid(check, "TEAM_DELETED");
		}
		Invitation invitation = check.invitation();
		if (invitation.invitedBy() == null
				|| !this.authority.of(invitation.teamId(), invitation.invitedBy()).test(invitation)) {
			return noLongerValid(check, "inviter no longer holds members.invite and the invited role's privileges (or is disabled)");
		}
		return check;
	}

	private LinkCheck noLongerValid(LinkCheck check, String reason) {
		this.revocations.revoke(check.invitation(), null, null, reason);
		return new LinkCheck(LinkCheck.State.NO_LONGER_VALID, check.invitation(), check.view());
	}

	/** Sends one invitation; false when one was pending for the address already (nothing sent). */
	private boolean send(UUID teamId, Inviter inviter, String email, TeamRole role, Instant now) {
		RandomToken token = RandomToken.generate();
		Invitation invitation = new Invitation(UUID.randomUUID(), teamId, email, role.id(), token.hash(), "PENDING",
				inviter.userId(), now, now.plus(this.validity), null, null);
		if (this.invitations.insertInvitation(invitation) == 0) {
			return false;
		}
		this.invitations.insertEvent(invitation.id(), "SENT", inviter.userId(), now);
		mail(email, inviter, this.invitations.findView(invitation.id()).orElseThrow(), token);
		this.audit.record(AuditEntry.of(inviter.userId(), inviter.email(), "INVITATION_SENT", "invitation", invitation.id())
			.inTeam(teamId)
			.withDetails(Map.of("email", email, "role", role.name())));
		return true;
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

	/** The outcome of an invited sign-up: the new account (null when none was kept) and the link's state. */
	public record InvitedSignUp(User user, LinkCheck outcome) {
	}

	/** Who invites. */
	public record Inviter(UUID userId, String email, String displayName) {
	}

}
