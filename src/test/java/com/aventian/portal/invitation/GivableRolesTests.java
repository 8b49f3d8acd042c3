package com.aventian.portal.invitation;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.aventian.portal.PortalTest;
import com.aventian.portal.RecordedStatements;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.team.TeamRole;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The roles a member may give: those holding no privilege the member lacks, found in two queries whatever
 * the number of roles (the giver's grants, as the authorization service reads them, and the team's roles).
 */
@PortalTest
class GivableRolesTests {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	InvitationService invitations;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	RecordedStatements statements;

	@Test
	void theRolesAnAdminMayGiveAreTheSubsetsOfTheirPrivilegesFoundInTwoQueries() {
		User owner = this.users.create("Olga Owner");
		User admin = this.users.create("Ada Admin");
		UUID team = this.users.team("Many roles " + UUID.randomUUID(), owner, admin, "Admin");
		for (int i = 0; i < 20; i++) {
			UUID role = this.jdbc.queryForObject(
					"insert into aventian.tbl_roles (team_id, name, sort_order) values (?, ?, 200) returning id", UUID.class,
					team, "Custom " + i);
			this.jdbc.update("""
					insert into aventian.tbl_role_privileges (role_id, privilege_id)
					select ?, id from aventian.tbl_privileges where code = ?""", role,
					(i % 2 == 0) ? "members.read" : "billing.manage");
		}
		List<TeamRole> givable = new ArrayList<>();

		var statements = this.statements.during(() -> givable.addAll(this.invitations.rolesGivableBy(team, admin.id())));

		assertThat(statements).hasSize(2);
		assertThat(givable).extracting(TeamRole::name)
			.contains("Admin", "Member", "Viewer", "Custom 0", "Custom 18")
			.doesNotContain("Owner", "Billing manager", "Custom 1", "Custom 19")
			.hasSize(3 + 10);
	}

	@Test
	void someoneWhoIsNotAMemberMayGiveNothingEvenARoleWithoutPrivileges() {
		UUID team = this.users.team("Closed " + UUID.randomUUID(), this.users.create("Olga Owner"));
		this.jdbc.update("insert into aventian.tbl_roles (team_id, name) values (?, 'Empty')", team);

		assertThat(this.invitations.rolesGivableBy(team, this.users.create("Stranger").id())).isEmpty();
	}

	@Test
	void theMembersPagePickerOffersAnAdminOnlyTheRolesTheyMayGiveAndShowsTheOwnersRoleAsText() {
		User owner = this.users.create("Olga Owner");
		User admin = this.users.create("Ada Admin");
		UUID team = this.users.team("Picker " + UUID.randomUUID(), owner, admin, "Admin");

		String page = this.users.signedIn(this.port, admin).get("/teams/" + team + "/members").body();

		assertThat(page).contains(">Admin</option>").contains(">Viewer</option>").doesNotContain(">Owner</option>")
			.doesNotContain(">Billing manager</option>")
			.doesNotContain("id=\"role-" + owner.id() + "\"")
			.contains("id=\"role-" + admin.id() + "\"");
	}

}
