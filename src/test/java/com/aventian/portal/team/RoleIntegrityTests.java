package com.aventian.portal.team;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestMailbox;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.team.MembershipService.Actor;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A role reference never crosses teams (the database refuses it), and which role a creator, a new owner
 * or an invitee gets follows flags and privileges, never a role's name.
 */
@PortalTest
class RoleIntegrityTests {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	TeamService teams;

	@Autowired
	MembershipService memberships;

	@Autowired
	TeamAccess access;

	@Autowired
	JdbcTemplate jdbc;

	UUID roleId(UUID teamId, String name) {
		return this.jdbc.queryForObject("select id from aventian.tbl_roles where team_id = ? and name = ?", UUID.class,
				teamId, name);
	}

	int count(String sql, Object... args) {
		return this.jdbc.queryForObject(sql, Integer.class, args);
	}

	@Nested
	class TheDatabaseRefuses {

		@Test
		void aUserRoleNamingAnotherTeamsRole() {
			User ann = RoleIntegrityTests.this.users.create("Ann Alpha");
			UUID alpha = RoleIntegrityTests.this.users.team("Alpha " + UUID.randomUUID(), ann);
			UUID bravo = RoleIntegrityTests.this.users.team("Bravo " + UUID.randomUUID(), RoleIntegrityTests.this.users.create("Bo"));

			assertThatThrownBy(() -> RoleIntegrityTests.this.jdbc.update(
					"insert into aventian.tbl_user_roles (team_id, user_id, role_id) values (?, ?, ?)", alpha, ann.id(),
					roleId(bravo, "Viewer")))
				.isInstanceOf(DataIntegrityViolationException.class)
				.hasMessageContaining("fk_user_roles_role_of_team");
		}

		@Test
		void anInvitationNamingAnotherTeamsRole() {
			UUID alpha = RoleIntegrityTests.this.users.team("Alpha " + UUID.randomUUID(), RoleIntegrityTests.this.users.create("Ann"));
			UUID bravo = RoleIntegrityTests.this.users.team("Bravo " + UUID.randomUUID(), RoleIntegrityTests.this.users.create("Bo"));

			assertThatThrownBy(() -> RoleIntegrityTests.this.jdbc.update("""
					insert into aventian.tbl_invitations (team_id, email, role_id, token_hash, expires_at)
					values (?, 'x@example.com', ?, decode(md5(random()::text), 'hex'), ?)""", alpha, roleId(bravo, "Owner"), Timestamp.from(Instant.now().plusSeconds(60))))
				.isInstanceOf(DataIntegrityViolationException.class)
				.hasMessageContaining("fk_invitations_role_of_team");
		}

		@Test
		void aUserRoleNamingARoleTemplate() {
			User ann = RoleIntegrityTests.this.users.create("Ann Alpha");
			UUID alpha = RoleIntegrityTests.this.users.team("Alpha " + UUID.randomUUID(), ann);
			UUID template = RoleIntegrityTests.this.jdbc.queryForObject(
					"select id from aventian.tbl_role_templates where creator_default", UUID.class);

			assertThatThrownBy(() -> RoleIntegrityTests.this.jdbc.update(
					"insert into aventian.tbl_user_roles (team_id, user_id, role_id) values (?, ?, ?)", alpha, ann.id(), template))
				.isInstanceOf(DataIntegrityViolationException.class);
		}

	}

	@Nested
	class OverHttp {

		@Test
		void invitingWithAnotherTeamsRoleIdSaysSoAndStoresNothing() {
			User ann = RoleIntegrityTests.this.users.create("Ann Alpha");
			UUID alpha = RoleIntegrityTests.this.users.team("Alpha " + UUID.randomUUID(), ann);
			UUID bravo = RoleIntegrityTests.this.users.team("Bravo " + UUID.randomUUID(), RoleIntegrityTests.this.users.create("Bo"));
			PortalHttp http = RoleIntegrityTests.this.users.signedIn(RoleIntegrityTests.this.port, ann);
			String email = "crossing." + UUID.randomUUID() + "@example.com";

			HttpResponse<String> response = http.submitWithHeaders("/teams/new", "/teams/" + alpha + "/invitations",
					Map.of("emails", email, "roleId", roleId(bravo, "Viewer").toString()));

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("Choose a role you may give");
			assertThat(count("select count(*) from aventian.tbl_invitations where team_id = ?", alpha)).isZero();
			assertThat(TestMailbox.mailsTo(email)).isEmpty();
		}

		@Test
		void changingARoleToAnotherTeamsRoleIdSaysSoAndChangesNothing() {
			User ann = RoleIntegrityTests.this.users.create("Ann Alpha");
			User mel = RoleIntegrityTests.this.users.create("Mel Member");
			UUID alpha = RoleIntegrityTests.this.users.team("Alpha " + UUID.randomUUID(), ann, mel, "Member");
			UUID bravo = RoleIntegrityTests.this.users.team("Bravo " + UUID.randomUUID(), RoleIntegrityTests.this.users.create("Bo"));
			PortalHttp http = RoleIntegrityTests.this.users.signedIn(RoleIntegrityTests.this.port, ann);

			HttpResponse<String> response = http.submitWithHeaders("/teams/" + alpha + "/members",
					"/teams/" + alpha + "/members/" + mel.id() + "/role",
					Map.of("roleId", roleId(bravo, "Admin").toString(), "version", "0"), "HX-Request", "true");

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("That role does not exist in this team.");
			assertThat(RoleIntegrityTests.this.jdbc.queryForList(
					"select r.name from aventian.tbl_user_roles ur join aventian.tbl_roles r on r.id = ur.role_id where ur.team_id = ? and ur.user_id = ?",
					String.class, alpha, mel.id())).containsExactly("Member");
		}

	}

	@Nested
	class ByFlagsAndPrivilegesNotNames {

		@Test
		void aTeamCreatedWhileTheOwnerTemplateIsRenamedStillGivesItsCreatorEveryPrivilege() {
			User creator = RoleIntegrityTests.this.users.create("Cleo Creator");
			String original = RoleIntegrityTests.this.jdbc.queryForObject(
					"select name from aventian.tbl_role_templates where creator_default", String.class);
			RoleIntegrityTests.this.jdbc.update("update aventian.tbl_role_templates set name = ? where creator_default",
					"Founder " + UUID.randomUUID().toString().substring(0, 8));
			try {
				Team team = RoleIntegrityTests.this.teams.createTeam(creator.id(), creator.email(), "Renamed templates");

				assertThat(RoleIntegrityTests.this.access.privilegesOf(team.id(), creator.id())).hasSize(12).contains("team.delete");
			}
			finally {
				RoleIntegrityTests.this.jdbc.update("update aventian.tbl_role_templates set name = ? where creator_default",
						original);
			}
		}

		@Test
		void renamedRolesKeepTransferOfOwnershipAndTheInvitationDefaultWorking() {
			User owner = RoleIntegrityTests.this.users.create("Olga Owner");
			User mel = RoleIntegrityTests.this.users.create("Mel Member");
			UUID team = RoleIntegrityTests.this.users.team("Renames " + UUID.randomUUID(), owner, mel, "Member");
			UUID crewRole = roleId(team, "Member");
			RoleIntegrityTests.this.jdbc.update("update aventian.tbl_roles set name = 'Chief' where team_id = ? and name = 'Owner'", team);
			RoleIntegrityTests.this.jdbc.update("update aventian.tbl_roles set name = 'Deputy' where team_id = ? and name = 'Admin'", team);
			RoleIntegrityTests.this.jdbc.update("update aventian.tbl_roles set name = 'Crew' where team_id = ? and name = 'Member'", team);

			RoleIntegrityTests.this.memberships.transferOwnership(new Actor(owner.id(), owner.email()), team, mel.id());

			assertThat(RoleIntegrityTests.this.access.privilegesOf(team, mel.id())).contains("team.delete").hasSize(12);
			assertThat(RoleIntegrityTests.this.access.privilegesOf(team, owner.id())).hasSize(10)
				.contains("members.invite", "members.roles.assign")
				.doesNotContain("team.delete");
			PortalHttp http = RoleIntegrityTests.this.users.signedIn(RoleIntegrityTests.this.port, mel);
			assertThat(http.get("/teams/" + team + "/invitations").body())
				.containsPattern("<option value=\"" + crewRole + "\" selected=\"selected\">Crew</option>");
			String email = "renamed." + UUID.randomUUID() + "@example.com";
			http.submitWithHeaders("/teams/new", "/teams/" + team + "/invitations",
					Map.of("emails", email, "roleId", crewRole.toString()));
			assertThat(TestMailbox.mailsTo(email)).hasSize(1);
		}

	}

}
