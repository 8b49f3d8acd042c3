package com.aventian.portal.team;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.RecordedStatements;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.rbac.Authorization;
import com.aventian.portal.rbac.CreatedRole;
import com.aventian.portal.rbac.RoleEditor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Team home answers from what the gate read of the member (cached in Redis with their privileges), with no statement
 * of its own (issue 10): so every change of what it shows, the member count above all, must evict the cached values
 * before it commits, and the very next team home of any member shows it.
 */
@PortalTest
class TeamHomeFromGateTests {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	RecordedStatements statements;

	@Autowired
	MembershipService memberships;

	@Autowired
	RoleEditor roles;

	@Autowired
	TeamService teams;

	@Autowired
	Authorization authorization;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	StringRedisTemplate redis;

	User owner;

	User max;

	User ann;

	UUID team;

	PortalHttp maxHttp;

	@BeforeEach
	void maxHasSeenTeamHomeOfATeamOfThree() {
		this.owner = this.users.create("Owen Owner");
		this.max = this.users.create("Max Member");
		this.ann = this.users.create("Ann Admin");
		this.team = this.users.team("Home " + UUID.randomUUID(), this.owner, this.max, "Member", this.ann, "Admin");
		this.maxHttp = this.users.signedIn(this.port, this.max);
		assertThat(maxsTeamHome()).contains("data-testid=\"member-count\">3<");
	}

	@Test
	void aWarmTeamHomeRunsNoStatement() {
		this.statements.start();
		String body = maxsTeamHome();
		assertThat(this.statements.stop()).isEmpty();
		assertThat(body).contains("data-testid=\"my-roles\">Member<").contains("data-testid=\"member-count\">3<");
	}

	@Test
	void aMemberJoiningByInvitationCountsOnEveryMembersNextTeamHome() {
		User cid = this.users.create("Cid Joiner");

		// what accepting an invitation calls
		this.memberships.addMemberWithRole(this.team, cid.id(), this.users.roleId(this.team, "Member"), this.owner.id());

		assertThat(maxsTeamHome()).contains("data-testid=\"member-count\">4<");
	}

	@Test
	void aMemberRemovedCountsOnEveryMembersNextTeamHome() {
		this.memberships.remove(actor(this.owner), this.team, this.ann.id());

		assertThat(maxsTeamHome()).contains("data-testid=\"member-count\">2<");
	}

	@Test
	void aMemberLeavingCountsOnEveryMembersNextTeamHome() {
		this.memberships.leave(actor(this.ann), this.team);

		assertThat(maxsTeamHome()).contains("data-testid=\"member-count\">2<");
	}

	@Test
	void theViewersOwnRoleChangedShowsOnTheirNextTeamHome() {
		this.memberships.changeRole(actor(this.owner), this.team, this.max.id(), this.users.roleId(this.team, "Viewer"),
				membershipVersion(this.max));

		assertThat(maxsTeamHome()).contains("data-testid=\"my-roles\">Viewer<");
	}

	@Test
	void aRoleRenamedShowsOnItsHoldersNextTeamHomeEvenARoleWithoutPrivileges() {
		// given Max also holds a role of no privilege (shown all the same) and has seen it on team home
		CreatedRole greeter = this.roles.create(actor(this.owner), this.team, "Greeter", "Says hello", null);
		this.jdbc.update("insert into aventian.tbl_user_roles (team_id, user_id, role_id, granted_by) values (?, ?, ?, ?)",
				this.team, this.max.id(), greeter.id(), this.owner.id());
		this.redis.delete("user:roles:" + this.max.id());
		assertThat(maxsTeamHome()).contains("Greeter").doesNotContain("Welcomer");

		this.roles.rename(actor(this.owner), this.team, greeter.id(), "Welcomer", roleVersion(greeter.id()));

		assertThat(maxsTeamHome()).contains("Welcomer").doesNotContain("Greeter");
	}

	@Test
	void joinsAndRemovalsRacingTeamHomesLeaveEveryMembersNextTeamHomeWithTheTrueCount() throws Exception {
		List<User> joining = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			joining.add(this.users.create("Racing Joiner " + i));
		}
		List<User> removed = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			User member = this.users.create("Racing Removed " + i);
			this.memberships.addMemberWithRole(this.team, member.id(), this.users.roleId(this.team, "Member"), this.owner.id());
			removed.add(member);
		}
		List<User> readers = List.of(this.owner, this.max, this.ann);
		readers.forEach((reader) -> homeCount(reader.id()));

		List<Runnable> writes = new ArrayList<>();
		joining.forEach((member) -> writes.add(() -> this.memberships.addMemberWithRole(this.team, member.id(),
				this.users.roleId(this.team, "Member"), this.owner.id())));
		removed.forEach((member) -> writes.add(() -> this.memberships.remove(actor(this.owner), this.team, member.id())));
		AtomicBoolean writing = new AtomicBoolean(true);
		CyclicBarrier start = new CyclicBarrier(writes.size() + readers.size());
		List<CompletableFuture<Void>> readersRunning = readers.stream().map((reader) -> CompletableFuture.runAsync(() -> {
			await(start);
			while (writing.get()) {
				homeCount(reader.id());
			}
		}, (command) -> new Thread(command).start())).toList();
		List<CompletableFuture<Void>> writesRunning = writes.stream().map((write) -> CompletableFuture.runAsync(() -> {
			await(start);
			write.run();
		}, (command) -> new Thread(command).start())).toList();
		CompletableFuture.allOf(writesRunning.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		writing.set(false);
		CompletableFuture.allOf(readersRunning.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

		int members = this.jdbc.queryForObject("select member_count from aventian.tbl_teams where id = ?", Integer.class,
				this.team);
		assertThat(members).isEqualTo(3 + joining.size());
		for (UUID member : this.jdbc.queryForList("select user_id from aventian.tbl_memberships where team_id = ?",
				UUID.class, this.team)) {
			assertThat(homeCount(member)).as("team home of " + member).isEqualTo(members);
		}
		assertThat(maxsTeamHome()).contains("data-testid=\"member-count\">" + members + "<");
	}

	private String maxsTeamHome() {
		HttpResponse<String> response = this.maxHttp.get("/teams/" + this.team);
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	/** What team home shows of the count, as the gate gives it the member's privileges (cache, else one query). */
	private int homeCount(UUID member) {
		return this.teams.homeOf(this.authorization.of(member, this.team)).memberCount();
	}

	private int membershipVersion(User member) {
		return this.jdbc.queryForObject("select version from aventian.tbl_memberships where team_id = ? and user_id = ?",
				Integer.class, this.team, member.id());
	}

	private int roleVersion(UUID roleId) {
		return this.jdbc.queryForObject("select version from aventian.tbl_roles where id = ?", Integer.class, roleId);
	}

	private static MembershipService.Actor actor(User user) {
		return new MembershipService.Actor(user.id(), user.email());
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
