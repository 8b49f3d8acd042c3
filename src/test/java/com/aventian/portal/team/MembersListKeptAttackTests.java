package com.aventian.portal.team;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.RecordedStatements;
import com.aventian.portal.RecordedStatements.Statement;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.aventian.portal.team.TeamPageCostTests.VERSION;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * review23's attacks on the kept members list (V32, {@link KeptMembersLists}) that the engineer's tests did not make:
 * a row moved from one team to another by SQL (an operator's, a migration's), a list kept for one member asked for
 * by another with the same privileges (the "You" row), and lists read and kept by other requests at the very moment a
 * change commits.
 */
@PortalTest
class MembersListKeptAttackTests {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	RecordedStatements statements;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MembershipService memberships;

	User owner;

	User max;

	UUID team;

	@BeforeEach
	void aTeamWithAnOwnerAndAMember() {
		this.owner = this.users.create("Olga Owner");
		this.max = this.users.create("Max Member");
		this.team = this.users.team("Attacked " + UUID.randomUUID(), this.owner, this.max, "Member");
	}

	@Test
	void aRoleMovedToAnotherTeamLeavesThePickerOfItsFormerTeam() {
		this.jdbc.update("insert into aventian.tbl_roles (team_id, name) values (?, 'Drifter')", this.team);
		PortalHttp http = viewer(this.owner);
		list(http);
		List<String> ran = new ArrayList<>();
		assertThat(list(http, ran)).contains(">Drifter</option>");
		assertThat(ran).as("kept").containsExactly(VERSION);
		UUID elsewhere = this.users.team("Elsewhere " + UUID.randomUUID(), this.users.create("Eve Elsewhere"));

		this.jdbc.update("update aventian.tbl_roles set team_id = ? where team_id = ? and name = 'Drifter'", elsewhere,
				this.team);

		assertThat(list(http)).doesNotContain("Drifter");
	}

	@Test
	void aListKeptForOneMemberIsNotServedToAnotherWithTheSamePrivileges() {
		User mia = this.users.create("Mia Member");
		this.memberships.addMemberWithRole(this.team, mia.id(), this.users.roleId(this.team, "Member"), this.owner.id());
		PortalHttp maxs = viewer(this.max);
		list(maxs);
		assertThat(rowOf(list(maxs), this.max.id())).contains("muted\">You<");

		List<String> ran = new ArrayList<>();
		String miasList = list(viewer(mia), ran);

		assertThat(rowOf(miasList, mia.id())).contains("muted\">You<");
		assertThat(rowOf(miasList, this.max.id())).doesNotContain("muted\">You<");
		assertThat(ran).as("written for Mia, not Max's kept list").hasSizeGreaterThan(1);
	}

	@Test
	void aRenameCommittedWhileOthersReadAndKeepTheListIsOnTheNextList() throws Exception {
		PortalHttp http = viewer(this.owner);
		AtomicBoolean done = new AtomicBoolean();
		List<CompletableFuture<Void>> readers = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			PortalHttp reader = viewer(this.owner);
			readers.add(CompletableFuture.runAsync(() -> {
				while (!done.get()) {
					list(reader);
				}
			}));
		}
		try {
			for (int round = 1; round <= 20; round++) {
				this.jdbc.update("update aventian.tbl_users set display_name = ? where id = ?", "Max Round " + round,
						this.max.id());
				assertThat(list(http)).as("round %d", round).contains("Max Round " + round + "<");
			}
		}
		finally {
			done.set(true);
		}
		for (CompletableFuture<Void> reader : readers) {
			reader.get(30, TimeUnit.SECONDS);
		}
	}

	static String rowOf(String list, UUID userId) {
		int from = list.indexOf("id=\"member-" + userId + "\"");
		assertThat(from).as("row of " + userId).isNotNegative();
		return list.substring(from, list.indexOf("</tr>", from));
	}

	PortalHttp viewer(User user) {
		PortalHttp http = this.users.signedIn(this.port, user);
		http.get("/teams/" + this.team);
		return http;
	}

	String list(PortalHttp http) {
		HttpResponse<String> response = http.get("/teams/" + this.team + "/members", "HX-Request", "true");
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	String list(PortalHttp http, List<String> ran) {
		this.statements.start();
		String body = list(http);
		this.statements.stop().stream().map(Statement::name).forEach(ran::add);
		return body;
	}

}
