package com.aventian.portal.team;

import java.sql.Timestamp;
import java.util.UUID;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.RecordedStatements;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** What every page costs: the header's label and the member's last activity, counted in statements. */
@PortalTest
class HotPathTests {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	RecordedStatements statements;

	Timestamp lastActive(UUID teamId, User user) {
		return this.jdbc.queryForObject(
				"select last_active_at from aventian.tbl_memberships where team_id = ? and user_id = ?", Timestamp.class,
				teamId, user.id());
	}

	@Test
	void theHeadersTeamLabelDoesNotLoadAllTheUsersTeams() {
		User user = this.users.create("Lena Label");
		UUID shown = null;
		for (int i = 1; i <= 6; i++) {
			shown = this.users.team("Label " + i + " " + UUID.randomUUID(), user);
		}
		PortalHttp http = this.users.signedIn(this.port, user);
		http.get("/");

		for (String page : new String[] { "/account", "/account/sessions", "/teams/" + shown, "/teams/" + shown + "/members" }) {
			this.statements.start();
			String body = http.get(page).body();
			var ran = this.statements.stop();

			assertThat(body).as(page).contains("data-testid=\"switcher-current\">Label ");
			assertThat(ran).as(page).extracting(RecordedStatements.Statement::name).doesNotContain("TeamMapper.findTeamsOfUser");
		}
	}

	@Test
	void lastActiveIsWrittenOnceAndNotAgainWithinTheWindow() {
		User user = this.users.create("Wanda Window");
		UUID team = this.users.team("Window " + UUID.randomUUID(), user);
		PortalHttp http = this.users.signedIn(this.port, user);

		this.statements.start();
		http.get("/teams/" + team);
		Timestamp first = lastActive(team, user);
		for (int i = 0; i < 3; i++) {
			http.get("/teams/" + team);
			http.get("/teams/" + team + "/members");
		}
		var ran = this.statements.stop();

		assertThat(first).isNotNull();
		assertThat(lastActive(team, user)).isEqualTo(first);
		assertThat(ran).extracting(RecordedStatements.Statement::name).containsOnlyOnce("TeamMapper.updateLastActive");
	}

	@Test
	void anotherBrowserOfTheSameMemberDoesNotRewriteItWithinTheWindowEither() {
		User user = this.users.create("Bea Browsers");
		UUID team = this.users.team("Browsers " + UUID.randomUUID(), user);
		this.users.signedIn(this.port, user).get("/teams/" + team);
		Timestamp first = lastActive(team, user);

		this.users.signedIn(this.port, user).get("/teams/" + team);

		assertThat(lastActive(team, user)).isEqualTo(first);
	}

}
