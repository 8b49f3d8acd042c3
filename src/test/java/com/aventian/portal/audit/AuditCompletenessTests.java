package com.aventian.portal.audit;

import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestMailbox;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.AccountService;
import com.aventian.portal.account.ExternalSignIn;
import com.aventian.portal.account.PasswordResetService;
import com.aventian.portal.account.ProfileService;
import com.aventian.portal.account.SignUpForm;
import com.aventian.portal.account.SignUpService;
import com.aventian.portal.account.User;
import com.aventian.portal.invitation.InvitationService;
import com.aventian.portal.team.MembershipService;
import com.aventian.portal.team.MembershipService.Actor;
import com.aventian.portal.team.TeamService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every change the portal audits writes exactly one event, in the transaction of the change (the event's
 * {@code xmin}, the id of the transaction that wrote it, is that of the changed row), and a change that
 * fails or rolls back writes none. The walk covers {@link AuditActions#ALL}: an action added there without
 * a step here fails the test.
 */
@PortalTest
class AuditCompletenessTests {

	private static final String NEW_PASSWORD = "another horse battery staple 77";

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	AccountService accounts;

	@Autowired
	SignUpService signUps;

	@Autowired
	ProfileService profiles;

	@Autowired
	PasswordResetService resets;

	@Autowired
	TeamService teams;

	@Autowired
	MembershipService memberships;

	@Autowired
	InvitationService invitations;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transaction;

	final Set<String> walked = new LinkedHashSet<>();

	@Test
	void everyAuditedActionWritesExactlyOneEventInTheTransactionOfItsChange() throws Exception {
		InetAddress client = InetAddress.getLoopbackAddress();

		// accounts: sign-up, verification, profile, password, e-mail, identities, sessions, lockout, administration
		String email = unique("signup");
		UUID signedUp = once("USER_CREATED", () -> this.signUps
			.signUp(new SignUpForm("Sid Signup", email, TestUsers.PASSWORD, TestUsers.PASSWORD, true)).orElseThrow().userId(),
				"select xmin::text from aventian.tbl_users where email = ?", email);
		String verifyToken = tokenIn(email, "/verify-email/confirm", 1);
		once("EMAIL_VERIFIED", () -> this.signUps.verify(verifyToken, Optional.empty()),
				"select xmin::text from aventian.tbl_users where id = ?", signedUp);
		User ann = this.users.create("Ann Account");
		once("PROFILE_UPDATED", () -> this.profiles.rename(ann.id(), "Ann Renamed"),
				"select xmin::text from aventian.tbl_users where id = ?", ann.id());
		once("PASSWORD_CHANGED", () -> this.profiles.changePassword(ann.id(), TestUsers.PASSWORD, NEW_PASSWORD, client),
				"select xmin::text from aventian.tbl_users where id = ?", ann.id());
		this.resets.requestReset(ann.email());
		// the second mail: the first told of the password change
		String resetToken = tokenIn(ann.email(), "/password/reset", 2);
		once("PASSWORD_RESET", () -> this.resets.reset(resetToken, TestUsers.PASSWORD),
				"select xmin::text from aventian.tbl_users where id = ?", ann.id());
		String newEmail = unique("changed");
		this.profiles.requestEmailChange(ann.id(), newEmail, TestUsers.PASSWORD, client);
		String changeToken = tokenIn(newEmail, "/account/email/confirm", 1);
		once("EMAIL_CHANGED", () -> {
			this.profiles.confirmEmailChange(changeToken);
		},
				"select xmin::text from aventian.tbl_users where id = ?", ann.id());
		User linked = this.accounts.findUser(ann.id()).orElseThrow();
		String subject = UUID.randomUUID().toString();
		once("IDENTITY_LINKED", () -> this.profiles.link(linked,
				new ExternalSignIn("https://id.example.test", subject, linked.email(), true, "Ann")),
				"select xmin::text from aventian.tbl_user_identities where subject = ?", subject);
		UUID identity = this.jdbc.queryForObject("select id from aventian.tbl_user_identities where subject = ?", UUID.class,
				subject);
		once("IDENTITY_UNLINKED", () -> this.profiles.unlink(ann.id(), identity), null);
		User traveller = this.users.create("Tess Sessions");
		PortalHttp laptop = this.users.signedIn(this.port, traveller);
		PortalHttp phone = this.users.signedIn(this.port, traveller);
		once("SESSION_ENDED", () -> endOtherSession(phone), null);
		User target = this.users.create("Lou Locked");
		PortalHttp guesser = new PortalHttp(this.port);
		for (int i = 0; i < 4; i++) {
			guesser.signIn(target.email(), "wrong guess " + i);
		}
		once("SIGN_IN_LOCKED", () -> guesser.signIn(target.email(), "wrong guess 5"), null);
		User admin = this.users.create("Ada Admin");
		once("PLATFORM_ADMIN_GRANTED", () -> this.accounts.grantPlatformAdmin(admin.id()),
				"select xmin::text from aventian.tbl_users where id = ?", admin.id());
		once("USER_DISABLED", () -> this.accounts.disable(target.id(), admin.id()),
				"select xmin::text from aventian.tbl_users where id = ?", target.id());
		once("USER_ENABLED", () -> this.accounts.enable(target.id(), admin.id()),
				"select xmin::text from aventian.tbl_users where id = ?", target.id());

		// teams and memberships
		User owner = this.users.create("Olga Owner");
		Actor actor = new Actor(owner.id(), owner.email());
		UUID team = once("TEAM_CREATED", () -> this.teams.createTeam(owner.id(), owner.email(), "Complete " + UUID.randomUUID()).id(),
				"select xmin::text from aventian.tbl_teams where created_by = ? order by created_at desc limit 1", owner.id());
		once("TEAM_RENAMED", () -> this.teams.rename(team, owner.id(), owner.email(), "Renamed " + UUID.randomUUID(),
				this.teams.team(team).version()), "select xmin::text from aventian.tbl_teams where id = ?", team);
		User member = this.users.create("Milo Member");
		this.memberships.addMemberWithRole(team, member.id(), this.users.roleId(team, "Member"), owner.id());
		once("ROLE_CHANGED", () -> this.memberships.changeRole(actor, team, member.id(), this.users.roleId(team, "Viewer"),
				this.memberships.member(team, member.id()).version()),
				"select xmin::text from aventian.tbl_memberships where team_id = ? and user_id = ?", team, member.id());
		once("ROLE_CHANGED", () -> this.memberships.changeRole(actor, team, member.id(), this.users.roleId(team, "Owner"),
				this.memberships.member(team, member.id()).version()),
				"select xmin::text from aventian.tbl_memberships where team_id = ? and user_id = ?", team, member.id());
		assertThat(this.jdbc.queryForObject("select details ->> 'ownership' from aventian_audit.tbl_audit_events "
				+ "where team_id = ? and action = 'ROLE_CHANGED' order by id desc limit 1", String.class, team))
			.as("a role change that makes an owner is one event saying so").isEqualTo("gained");
		this.memberships.changeRole(actor, team, member.id(), this.users.roleId(team, "Member"),
				this.memberships.member(team, member.id()).version());
		once("OWNERSHIP_TRANSFERRED", () -> this.memberships.transferOwnership(actor, team, member.id()),
				"select xmin::text from aventian.tbl_memberships where team_id = ? and user_id = ?", team, member.id());
		Actor newOwner = new Actor(member.id(), member.email());
		User leaver = this.users.create("Lea Leaver");
		this.memberships.addMemberWithRole(team, leaver.id(), this.users.roleId(team, "Member"), owner.id());
		once("MEMBER_LEFT", () -> this.memberships.leave(new Actor(leaver.id(), leaver.email()), team), null);
		once("MEMBER_REMOVED", () -> this.memberships.remove(newOwner, team, owner.id()), null);

		// invitations
		InvitationService.Inviter inviter = new InvitationService.Inviter(member.id(), member.email(), "Milo");
		String invited = unique("invited");
		once("INVITATION_SENT", () -> this.invitations.invite(team, inviter, invited, this.users.roleId(team, "Member")),
				"select xmin::text from aventian.tbl_invitations where team_id = ? and email = ?", team, invited);
		UUID invitation = this.jdbc.queryForObject(
				"select id from aventian.tbl_invitations where team_id = ? and email = ?", UUID.class, team, invited);
		once("INVITATION_RESENT", () -> this.invitations.resend(team, inviter, invitation),
				"select xmin::text from aventian.tbl_invitations where id = ?", invitation);
		String acceptToken = tokenIn(invited, "/invitations/accept", 2);
		User invitee = this.accounts.createVerifiedUser(invited, "Ivy Invited", TestUsers.PASSWORD);
		once("INVITATION_ACCEPTED", () -> this.invitations.accept(acceptToken, invitee, client),
				"select xmin::text from aventian.tbl_invitations where id = ?", invitation);
		String revoked = unique("revoked");
		this.invitations.invite(team, inviter, revoked, this.users.roleId(team, "Member"));
		UUID toRevoke = this.jdbc.queryForObject(
				"select id from aventian.tbl_invitations where team_id = ? and email = ?", UUID.class, team, revoked);
		once("INVITATION_REVOKED", () -> this.invitations.revoke(team, inviter, toRevoke),
				"select xmin::text from aventian.tbl_invitations where id = ?", toRevoke);
		String teamName = this.teams.team(team).name();
		once("TEAM_DELETED", () -> this.teams.delete(team, member.id(), member.email(), teamName),
				"select xmin::text from aventian.tbl_teams where id = ?", team);

		// then the walk covered every audited action
		assertThat(this.walked).containsExactlyInAnyOrderElementsOf(AuditActions.ALL);
	}

	@Test
	void aChangeThatFailsWritesNoEvent() {
		User owner = this.users.create("Fay Fails");
		Actor actor = new Actor(owner.id(), owner.email());
		UUID team = this.users.team("Failing " + UUID.randomUUID(), owner);
		User member = this.users.create("Mo Member");
		this.memberships.addMemberWithRole(team, member.id(), this.users.roleId(team, "Member"), owner.id());
		int version = this.teams.team(team).version();

		assertNone(() -> this.teams.rename(team, owner.id(), owner.email(), "Stale", version - 1));
		assertNone(() -> this.teams.delete(team, owner.id(), owner.email(), "not the name"));
		assertNone(() -> this.memberships.leave(actor, team));
		assertNone(() -> this.memberships.changeRole(actor, team, member.id(), this.users.roleId(team, "Viewer"), 999));
		assertNone(() -> this.memberships.remove(new Actor(member.id(), member.email()), team, owner.id()));
		assertNone(() -> this.profiles.changePassword(owner.id(), "not my password at all", NEW_PASSWORD,
				InetAddress.getLoopbackAddress()));
		assertNone(() -> this.accounts.disable(member.id(), owner.id()));
		assertThat(this.teams.team(team).name()).startsWith("Failing ");
	}

	@Test
	void aChangeRolledBackAfterItsEventLeavesNeitherTheChangeNorTheEvent() {
		User owner = this.users.create("Rob Rollback");
		UUID team = this.users.team("Rolled " + UUID.randomUUID(), owner);
		String name = this.teams.team(team).name();

		List<String> events = events(() -> this.transaction.executeWithoutResult((status) -> {
			this.teams.rename(team, owner.id(), owner.email(), "Never " + UUID.randomUUID(), this.teams.team(team).version());
			status.setRollbackOnly();
		}));

		assertThat(events).isEmpty();
		assertThat(this.teams.team(team).name()).isEqualTo(name);
	}

	/** Runs a change that must write exactly one event of the action, in the transaction of the row the query finds. */
	private <T> T once(String action, ThrowingSupplier<T> change, String changedRow, Object... args) throws Exception {
		long watermark = watermark();
		T result = change.get();
		List<Map<String, Object>> events = this.jdbc.queryForList(
				"select action, xmin::text as tx from aventian_audit.tbl_audit_events where id > ? order by id", watermark);
		assertThat(events).as(action).extracting((event) -> event.get("action")).containsExactly(action);
		if (changedRow != null) {
			assertThat(this.jdbc.queryForObject(changedRow, String.class, args)).as("transaction of " + action)
				.isEqualTo(events.get(0).get("tx"));
		}
		this.walked.add(action);
		return result;
	}

	private void once(String action, ThrowingRunnable change, String changedRow, Object... args) throws Exception {
		once(action, () -> {
			change.run();
			return null;
		}, changedRow, args);
	}

	private List<String> events(Runnable change) {
		long watermark = watermark();
		change.run();
		return this.jdbc.queryForList("select action from aventian_audit.tbl_audit_events where id > ? order by id",
				String.class, watermark);
	}

	private void assertNone(Runnable failingChange) {
		long watermark = watermark();
		assertThatThrownBy(failingChange::run).isInstanceOf(RuntimeException.class);
		assertThat(this.jdbc.queryForObject("select count(*) from aventian_audit.tbl_audit_events where id > ?",
				Integer.class, watermark)).isZero();
	}

	private long watermark() {
		return this.jdbc.queryForObject("select coalesce(max(id), 0) from aventian_audit.tbl_audit_events", Long.class);
	}

	private void endOtherSession(PortalHttp phone) {
		Matcher handle = Pattern.compile("/account/sessions/([^/\"]+)/end").matcher(phone.get("/account/sessions").body());
		assertThat(handle.find()).isTrue();
		phone.submit("/account/sessions", "/account/sessions/" + handle.group(1) + "/end", Map.of());
	}

	private static String tokenIn(String address, String path, int mails) {
		String link = TestMailbox.linkIn(TestMailbox.awaitMail(address, mails), path);
		return link.substring(link.indexOf("token=") + 6);
	}

	private static String unique(String name) {
		return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
	}

	@FunctionalInterface
	interface ThrowingSupplier<T> {

		T get() throws Exception;

	}

	@FunctionalInterface
	interface ThrowingRunnable {

		void run() throws Exception;

	}

}
