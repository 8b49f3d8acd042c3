package com.aventian.portal.team;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.audit.AuditLog;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@PortalTest
class TeamServiceTests {

	@Autowired
	TeamService teams;

	@Autowired
	TestUsers users;

	@Autowired
	AuditLog audit;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aNewTeamGetsItsOwnCopyOfTheRoleTemplatesAndItsCreatorAsOwner() {
		User creator = this.users.create("Tess Teams");

		Team team = this.teams.createTeam(creator.id(), creator.email(), "  Ünïcode & Co  ");

		assertThat(team.name()).isEqualTo("Ünïcode & Co");
		assertThat(team.slug()).isEqualTo("unicode-co");
		assertThat(this.jdbc.queryForList("select name from aventian.tbl_roles where team_id = ? order by sort_order",
				String.class, team.id())).containsExactly("Owner", "Admin", "Billing manager", "Member", "Viewer");
		assertThat(this.jdbc.queryForObject("""
				select count(*) from aventian.tbl_role_privileges rp join aventian.tbl_roles r on r.id = rp.role_id
				where r.team_id = ? and r.name = 'Owner'""", Integer.class, team.id())).isEqualTo(12);
		assertThat(this.teams.teamsOf(creator.id())).singleElement().satisfies((mine) -> {
			assertThat(mine.id()).isEqualTo(team.id());
			assertThat(mine.roleNames()).isEqualTo("Owner");
		});
		assertThat(this.audit.eventsAbout("team", team.id().toString()))
			.extracting((event) -> event.action())
			.containsExactly("TEAM_CREATED");
	}

	@Test
	void aUserWithoutTeamsHasNone() {
		assertThat(this.teams.teamsOf(this.users.create("Nora None").id())).isEmpty();
	}

}
