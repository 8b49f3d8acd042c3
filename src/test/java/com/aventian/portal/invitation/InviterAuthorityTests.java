package com.aventian.portal.invitation;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestDatabases;
import com.aventian.portal.TestMailbox;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.AccountService;
import com.aventian.portal.account.User;
import com.aventian.portal.audit.AuditLog;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An invitation carries its inviter's authority only while the inviter still has it: a removed or
 * demoted inviter's invitations die, a deleted team's too, and the invited sign-up is all or nothing.
 */
@PortalTest
class InviterAuthorityTests {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AuditLog audit;

	@Autowired
	AccountService accounts;

	static String unique(String name) {
		return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
	}

	String invite(PortalHttp inviter, UUID team, String email, String role) {
		inviter.submitWithHeaders("/teams/new", "/teams/" + team + "/invitations",
				Map.of("emails", email, "roleId", this.users.roleId(team, role).toString()));
		String link = TestMailbox.linkIn(TestMailbox.latestMail(email), "/invitations/accept");
		return link.substring(link.indexOf("token=") + 6);
	}

	HttpResponse<String> accept(PortalHttp invitee, String token) {
		// the form token comes from another page, so opening the link does not answer first
		return invitee.submitWithHeaders("/teams/new", "/invitations/accept", Map.of("token", token));
	}

	boolean isMember(UUID teamId, User user) {
		return this.jdbc.queryForObject(
				"select exists (select 1 from aventian.tbl_memberships where team_id = ? and user_id = ?)", Boolean.class,
				teamId, user.id());
	}

	String statusOf(String email) {
		return this.jdbc.queryForObject("select status from aventian.tbl_invitations where lower(email) = lower(?)",
				String.class, email);
	}

	UUID invitationOf(String email) {
		return this.jdbc.queryForObject("select id from aventian.tbl_invitations where lower(email) = lower(?)", UUID.class,
				email);
	}

	void assertRevokedWithReason(String email, String reason) {
		assertThat(statusOf(email)).isEqualTo("REVOKED");
		assertThat(this.audit.eventsAbout("invitation", invitationOf(email).toString()))
			.filteredOn((event) -> event.action().equals("INVITATION_REVOKED"))
			.singleElement()
			.satisfies((event) -> assertThat(event.details().toString()).contains(reason));
	}

	@Test
	void anAdminRemovedAfterInvitingCannotStillBringSomeoneInAsAdmin() {
		User owner = this.users.create("Olga Owner");
		User admin = this.users.create("Ada Admin");
		UUID team = this.users.team("Removal " + UUID.randomUUID(), owner, admin, "Admin");
		User accomplice = this.users.create("Acco Accomplice");
		String token = invite(this.users.signedIn(this.port, admin), team, accomplice.email(), "Admin");
		PortalHttp ownerHttp = this.users.signedIn(this.port, owner);
		ownerHttp.submitWithHeaders("/teams/" + team + "/members", "/teams/" + team + "/members/" + admin.id() + "/remove", Map.of());

		HttpResponse<String> response = accept(this.users.signedIn(this.port, accomplice), token);

		assertThat(response.body()).contains("This invitation was revoked");
		assertThat(isMember(team, accomplice)).isFalse();
		assertRevokedWithReason(accomplice.email(), "MEMBER_REMOVED");
	}

	@Test
	void anAdminDisabledAfterInvitingCannotStillBringSomeoneInAsAdmin() {
		// given an admin whose account was taken over: the attacker invites an accomplice as Admin
		User owner = this.users.create("Olga Owner");
		User admin = this.users.create("Ada Admin");
		UUID team = this.users.team("Disabled " + UUID.randomUUID(), owner, admin, "Admin");
		User accomplice = this.users.create("Acco Accomplice");
		String token = invite(this.users.signedIn(this.port, admin), team, accomplice.email(), "Admin");

		// when a platform admin disables the taken-over account (it stays a member until someone removes it)
		User platformAdmin = this.users.create("Pia Platform");
		this.accounts.grantPlatformAdmin(platformAdmin.id());
		this.accounts.disable(admin.id(), platformAdmin.id());
		HttpResponse<String> response = accept(this.users.signedIn(this.port, accomplice), token);

		// then the invitation sent from that account no longer brings anyone in
		assertThat(isMember(team, accomplice)).isFalse();
		assertThat(response.body()).contains("This invitation is no longer valid");
		assertRevokedWithReason(accomplice.email(), "(or is disabled)");
	}

	@Test
	void removingTheInviterWhileTheInviteeAcceptsEndsEitherJoinedOrRevokedNeverHalfway() throws Exception {
		for (int round = 0; round < 5; round++) {
			User owner = this.users.create("Olga Owner");
			User admin = this.users.create("Ada Admin");
			UUID team = this.users.team("Race " + UUID.randomUUID(), owner, admin, "Admin");
			User invitee = this.users.create("Ina Invitee");
			String token = invite(this.users.signedIn(this.port, admin), team, invitee.email(), "Member");
			PortalHttp ownerHttp = this.users.signedIn(this.port, owner);
			PortalHttp inviteeHttp = this.users.signedIn(this.port, invitee);
			String ownerCsrf = PortalHttp.csrfTokenOf(ownerHttp.get("/teams/new").body());
			String inviteeCsrf = PortalHttp.csrfTokenOf(inviteeHttp.get("/teams/new").body());

			var removal = CompletableFuture.supplyAsync(() -> ownerHttp.postForm(
					"/teams/" + team + "/members/" + admin.id() + "/remove", Map.of("_csrf", ownerCsrf)));
			var acceptance = CompletableFuture.supplyAsync(
					() -> inviteeHttp.postForm("/invitations/accept", Map.of("token", token, "_csrf", inviteeCsrf)));

			assertThat(removal.get().statusCode()).isLessThan(500);
			assertThat(acceptance.get().statusCode()).isLessThan(500);
			assertThat(isMember(team, admin)).isFalse();
			assertThat(statusOf(invitee.email())).isEqualTo(isMember(team, invitee) ? "ACCEPTED" : "REVOKED");
		}
	}

	@Test
	void aDemotedInviterLosesTheInvitationsTheyCouldNoLongerSend() {
		User owner = this.users.create("Olga Owner");
		User admin = this.users.create("Ada Admin");
		UUID team = this.users.team("Demotion " + UUID.randomUUID(), owner, admin, "Admin");
		User invitee = this.users.create("Ina Invitee");
		String token = invite(this.users.signedIn(this.port, admin), team, invitee.email(), "Admin");
		PortalHttp ownerHttp = this.users.signedIn(this.port, owner);
		ownerHttp.submitWithHeaders("/teams/" + team + "/members", "/teams/" + team + "/members/" + admin.id() + "/role",
				Map.of("roleId", this.users.roleId(team, "Member").toString(), "version", "0"));

		HttpResponse<String> response = accept(this.users.signedIn(this.port, invitee), token);

		assertThat(response.body()).contains("This invitation was revoked");
		assertThat(isMember(team, invitee)).isFalse();
		assertRevokedWithReason(invitee.email(), "ROLE_CHANGED");
	}

	@Test
	void acceptanceChecksTheInvitersPrivilegesEvenWhenTheyChangedWithoutAMembershipChange() {
		User owner = this.users.create("Olga Owner");
		User admin = this.users.create("Ada Admin");
		UUID team = this.users.team("Role edit " + UUID.randomUUID(), owner, admin, "Admin");
		User invitee = this.users.create("Ina Invitee");
		String token = invite(this.users.signedIn(this.port, admin), team, invitee.email(), "Member");
		// the Admin role itself loses members.invite (as a future role editor could do)
		this.jdbc.update("""
				delete from aventian.tbl_role_privileges
				where role_id = ? and privilege_id = (select id from aventian.tbl_privileges where code = 'members.invite')""",
				this.users.roleId(team, "Admin"));

		HttpResponse<String> response = accept(this.users.signedIn(this.port, invitee), token);

		assertThat(response.body()).contains("This invitation is no longer valid");
		assertThat(isMember(team, invitee)).isFalse();
		assertRevokedWithReason(invitee.email(), "inviter no longer holds");
	}

	@Test
	void deletingTheTeamRevokesItsInvitationsAndTheirLinksNoLongerWork() {
		User owner = this.users.create("Olga Owner");
		UUID team = this.users.team("Doomed " + UUID.randomUUID(), owner);
		PortalHttp ownerHttp = this.users.signedIn(this.port, owner);
		User invitee = this.users.create("Ina Invitee");
		String token = invite(ownerHttp, team, invitee.email(), "Member");
		String teamName = this.jdbc.queryForObject("select name from aventian.tbl_teams where id = ?", String.class, team);
		ownerHttp.submitWithHeaders("/teams/" + team + "/settings", "/teams/" + team + "/delete", Map.of("confirmName", teamName));

		HttpResponse<String> response = accept(this.users.signedIn(this.port, invitee), token);

		assertThat(response.body()).contains("This invitation was revoked");
		assertThat(isMember(team, invitee)).isFalse();
		assertRevokedWithReason(invitee.email(), "TEAM_DELETED");
	}

	@Test
	void aPendingInvitationOfATeamDeletedBehindTheServicesBackIsNoLongerValid() {
		User owner = this.users.create("Olga Owner");
		UUID team = this.users.team("Gone " + UUID.randomUUID(), owner);
		User invitee = this.users.create("Ina Invitee");
		String token = invite(this.users.signedIn(this.port, owner), team, invitee.email(), "Member");
		this.jdbc.update("update aventian.tbl_teams set deleted_at = now() where id = ?", team);

		HttpResponse<String> response = accept(this.users.signedIn(this.port, invitee), token);

		assertThat(response.body()).contains("This invitation is no longer valid");
		assertThat(isMember(team, invitee)).isFalse();
		assertThat(statusOf(invitee.email())).isEqualTo("REVOKED");
	}

	@Test
	void aFailureWhileAcceptingAnInvitedSignUpLeavesNoAccount() {
		User owner = this.users.create("Olga Owner");
		UUID team = this.users.team("Rollback " + UUID.randomUUID(), owner);
		String email = unique("newcomer");
		String token = invite(this.users.signedIn(this.port, owner), team, email, "Member");
		// joining this team fails inside the acceptance, after the account would have been written (a trigger:
		// the table's owner makes it, the portal's role cannot)
		JdbcTemplate tableOwner = new JdbcTemplate(TestDatabases.owner());
		tableOwner.execute("""
				create or replace function aventian.test_refuse_join() returns trigger language plpgsql as $$
				begin raise exception 'joining refused for the test'; end $$""");
		tableOwner.execute("create trigger test_refuse_join before insert on aventian.tbl_memberships for each row "
				+ "when (new.team_id = '" + team + "') execute function aventian.test_refuse_join()");
		try {
			PortalHttp anonymous = new PortalHttp(this.port);

			HttpResponse<String> response = anonymous.submitWithHeaders("/invitations/accept?token=" + token,
					"/invitations/sign-up", Map.of("token", token, "displayName", "New Comer", "password",
							TestUsers.PASSWORD, "passwordConfirmation", TestUsers.PASSWORD, "acceptTerms", "true"));

			assertThat(response.statusCode()).isGreaterThanOrEqualTo(400);
		}
		finally {
			tableOwner.execute("drop trigger test_refuse_join on aventian.tbl_memberships");
			tableOwner.execute("drop function aventian.test_refuse_join()");
		}
		assertThat(this.jdbc.queryForObject("select count(*) from aventian.tbl_users where lower(email) = lower(?)",
				Integer.class, email)).isZero();
		assertThat(statusOf(email)).isEqualTo("PENDING");
	}

}
