package com.aventian.portal.team;

import java.util.List;
import java.util.UUID;

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
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a team page costs in SQL (issue 10): the page's own queries, the gate's privileges coming from the
 * role cache ({@code user:roles:<user id>} in Redis); with a cold cache the gate's one query more, at most
 * three in all; no write on a GET once the member's last activity is noted. A new query on one of these
 * pages fails here.
 */
@PortalTest
class TeamPageCostTests {

	static final String GATE = "AuthorizationMapper.findEffectivePrivileges";

	/** The version of the team's members list (V32), which a kept list is served under. */
	static final String VERSION = "TeamMapper.findMemberListVersion";

	static final String PAGE = "TeamMapper.findMembersPage";

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	RecordedStatements statements;

	@Autowired
	StringRedisTemplate redis;

	User owner;

	User max;

	UUID team;

	PortalHttp http;

	@BeforeEach
	void ownerOfATeamWithMembersHasVisitedIt() {
		this.owner = this.users.create("Cora Cost");
		this.max = this.users.create("Max Member");
		this.team = this.users.team("Cost " + UUID.randomUUID(), this.owner, this.max, "Member",
				this.users.create("Ada Admin"), "Admin");
		this.http = this.users.signedIn(this.port, this.owner);
		// the first visit notes the last activity (one UPDATE per member and five minutes), then none
		this.http.get("/teams/" + this.team);
	}

	List<String> statementsOf(String path, String... headers) {
		this.statements.start();
		int status = this.http.get(path, headers).statusCode();
		List<Statement> ran = this.statements.stop();
		assertThat(status).as(path).isEqualTo(200);
		assertThat(ran).as(path + " writes").noneMatch(Statement::isWrite);
		return ran.stream().map(Statement::name).toList();
	}

	@Test
	void teamHomeWithAWarmGateRunsNoStatement() {
		// the page answers from what the gate read of the member, cached with their privileges (issue 10)
		assertThat(statementsOf("/teams/" + this.team)).isEmpty();
	}

	@Test
	void teamHomeWithAColdGateRunsTheGatesOneStatementOnly() {
		this.redis.delete("user:roles:" + this.owner.id());

		assertThat(statementsOf("/teams/" + this.team)).containsExactly(GATE);
		assertThat(statementsOf("/teams/" + this.team)).isEmpty();
	}

	@Test
	void teamHomeShowsTheTeamTheCallersRolesAndTheMemberCount() {
		// given a team of three, its owner signed in; and Max, a Member, on his own
		PortalHttp max = this.users.signedIn(this.port, this.max);

		// when each opens team home
		String owners = this.http.get("/teams/" + this.team).body();
		String maxs = max.get("/teams/" + this.team).body();

		// then the page shows the name, the caller's own roles, three members
		assertThat(owners).contains("data-testid=\"team-name\">Cost ").contains("data-testid=\"my-roles\">Owner<")
			.contains("data-testid=\"member-count\">3<");
		assertThat(maxs).contains("data-testid=\"my-roles\">Member<").contains("data-testid=\"member-count\">3<");
	}

	@Test
	void withTheRoleCacheColdTheGateRunsItsOneQueryAndFillsIt() {
		this.redis.delete("user:roles:" + this.owner.id());

		assertThat(statementsOf("/teams/" + this.team + "/members")).containsExactly(GATE, VERSION, PAGE);
		assertThat(statementsOf("/teams/" + this.team + "/members")).containsExactly(VERSION);
	}

	@Test
	void theMembersPageReadsTheListWithItsTotalAndThePickersRolesInOneStatement() {
		// the roles an owner may give come with the page's rows (issue 10): no statement of their own
		assertThat(statementsOf("/teams/" + this.team + "/members")).containsExactly(VERSION, PAGE);
		assertThat(statementsOf("/teams/" + this.team + "/members?q=max")).containsExactly(VERSION, PAGE);
		assertThat(this.http.get("/teams/" + this.team + "/members").body()).contains("name=\"roleId\"");
	}

	@Test
	void aMemberWhoMayNotAssignRolesGetsTheListWithoutTheStatementForThePickersRoles() {
		// given a member whose role lacks members.roles.assign, who has visited the team once
		this.http = this.users.signedIn(this.port, this.max);
		this.http.get("/teams/" + this.team);

		// then the page and the htmx list read the list only: no picker, so no roles to offer
		assertThat(statementsOf("/teams/" + this.team + "/members")).containsExactly(VERSION, PAGE);
		assertThat(statementsOf("/teams/" + this.team + "/members?q=a", "HX-Request", "true")).containsExactly(VERSION, PAGE);
		assertThat(this.http.get("/teams/" + this.team + "/members").body()).contains("data-testid=\"member-roles\"")
			.doesNotContain("name=\"roleId\"");
	}

	@Test
	void theMembersListAsAnHtmxPartialCostsTheSameStatements() {
		assertThat(statementsOf("/teams/" + this.team + "/members?q=a", "HX-Request", "true")).containsExactly(VERSION, PAGE);
	}

	@Test
	void aListKeptAtTheTeamsVersionCostsTheVersionOnlyForThePageAndTheHtmxListAlike() {
		// given the list read once (kept at the team's version)
		assertThat(statementsOf("/teams/" + this.team + "/members?q=a")).containsExactly(VERSION, PAGE);

		// then the page and the htmx list serve it again for the one small statement of the version
		assertThat(statementsOf("/teams/" + this.team + "/members?q=a")).containsExactly(VERSION);
		assertThat(statementsOf("/teams/" + this.team + "/members?q=a", "HX-Request", "true")).containsExactly(VERSION);
		assertThat(statementsOf("/teams/" + this.team + "/members?q=%20a%20&page=x", "HX-Request", "true"))
			.as("the same search and page as the page uses them").containsExactly(VERSION);
	}

	@Test
	void theSwitcherPanelListsTheTeamsAndLooksUpNoHeaderItDoesNotDraw() {
		// a partial has no header: the team its switcher button would name is not looked up, on the first call either
		assertThat(statementsOf("/switcher", "HX-Request", "true")).containsExactly("TeamMapper.findTeamsOfUser");
		assertThat(statementsOf("/switcher", "HX-Request", "true")).containsExactly("TeamMapper.findTeamsOfUser");
	}

	@Test
	void theHealthEndpointWithASessionRunsNoQueryForAHeaderItDoesNotHave() {
		assertThat(statementsOf("/actuator/health/liveness")).isEmpty();
	}

	@Test
	void aPageNumberPastTheEndShowsTheLastPageClampedByTheCountReadWithTheVersion() {
		List<String> ran = statementsOf("/teams/" + this.team + "/members?page=9");

		assertThat(ran).containsExactly(VERSION, PAGE);
		assertThat(this.http.get("/teams/" + this.team + "/members?page=9").body()).contains("Max Member");
	}

	@Test
	void aSearchPastTheEndShowsTheLastPageAtTheCostOfOneCountMore() {
		List<String> ran = statementsOf("/teams/" + this.team + "/members?q=a&page=9");

		assertThat(ran).containsExactly(VERSION, PAGE, "TeamMapper.countMembers", PAGE);
		assertThat(this.http.get("/teams/" + this.team + "/members?q=a&page=9").body()).contains("Max Member");
	}

	@Test
	void aRoleTakenAwayCountsOnTheVeryNextRequestThoughPrivilegesAreCached() {
		User admin = this.users.create("Dora Demoted");
		UUID team = this.users.team("Demotion " + UUID.randomUUID(), this.owner, admin, "Admin");
		PortalHttp adminHttp = this.users.signedIn(this.port, admin);
		assertThat(adminHttp.get("/teams/" + team + "/settings").statusCode()).isEqualTo(200);

		this.http.submit("/teams/" + team + "/members", "/teams/" + team + "/members/" + admin.id() + "/role",
				java.util.Map.of("roleId", this.users.roleId(team, "Viewer").toString(), "version", "0"));

		assertThat(adminHttp.get("/teams/" + team + "/settings").statusCode()).isEqualTo(403);
		assertThat(adminHttp.get("/teams/" + team).body()).contains("Viewer");
	}

	@Test
	void aRemovedMemberIsRefusedOnTheVeryNextRequest() {
		User member = this.users.create("Rita Removed");
		UUID team = this.users.team("Removal " + UUID.randomUUID(), this.owner, member, "Member");
		PortalHttp memberHttp = this.users.signedIn(this.port, member);
		assertThat(memberHttp.get("/teams/" + team).statusCode()).isEqualTo(200);

		this.http.submit("/teams/" + team + "/members/" + member.id() + "/remove",
				"/teams/" + team + "/members/" + member.id() + "/remove", java.util.Map.of());

		assertThat(memberHttp.get("/teams/" + team).statusCode()).isEqualTo(404);
		assertThat(memberHttp.get("/teams/" + team + "/members", "HX-Request", "true").statusCode()).isEqualTo(404);
	}

}
