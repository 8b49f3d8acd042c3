package com.aventian.portal.team;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.rbac.Authorization;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The number of members team home and the members page show is kept on the team (V31) by the database, in the
 * transaction of every insert and delete of a membership: it equals the memberships counted, after every way of
 * joining and leaving, a refused or rolled-back change, a deleted user, a deleted team, and joins and removals
 * running at once.
 */
@PortalTest
class TeamMemberCountTests {

	@Autowired
	TestUsers users;

	@Autowired
	TeamService teams;

	@Autowired
	MembershipService memberships;

	@Autowired
	Authorization authorization;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void joinsRemovalsAndLeavesAreCountedWhereTheTeamsPagesReadIt() {
		User owner = this.users.create("Mia Owner");
		User ann = this.users.create("Ann Member");
		User bob = this.users.create("Bob Member");
		User cid = this.users.create("Cid Member");
		UUID team = this.users.team("Counted " + UUID.randomUUID(), owner, ann, "Member", bob, "Admin");
		assertCounted(team, owner, 3);

		this.memberships.addMemberWithRole(team, cid.id(), this.users.roleId(team, "Member"), owner.id());
		assertCounted(team, owner, 4);

		this.memberships.remove(actor(owner), team, ann.id());
		assertCounted(team, owner, 3);

		this.memberships.leave(actor(bob), team);
		assertCounted(team, owner, 2);
	}

	@Test
	void aRefusedOrRolledBackChangeLeavesTheCount() {
		User owner = this.users.create("Mia Owner");
		User ann = this.users.create("Ann Member");
		User bob = this.users.create("Bob Member");
		UUID team = this.users.team("Counted " + UUID.randomUUID(), owner, ann, "Member");

		assertThatThrownBy(() -> this.memberships.leave(actor(owner), team)).isInstanceOf(TeamRuleException.class);
		assertCounted(team, owner, 2);

		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> {
			this.jdbc.update("insert into aventian.tbl_memberships (team_id, user_id) values (?, ?)", team, bob.id());
			status.setRollbackOnly();
		});
		assertCounted(team, owner, 2);
	}

	@Test
	void aDeletedUserLeavesEveryTeamsCount() {
		User owner = this.users.create("Mia Owner");
		User gone = this.users.create("Gus Gone");
		UUID first = this.users.team("Counted " + UUID.randomUUID(), owner, gone, "Member");
		UUID second = this.users.team("Counted " + UUID.randomUUID(), owner, gone, "Admin");

		this.jdbc.update("delete from aventian.tbl_users where id = ?", gone.id());

		assertCounted(first, owner, 1);
		assertCounted(second, owner, 1);
	}

	@Test
	void aDeletedTeamKeepsItsCountAndATeamDeletedWithItsMembershipsIsNoError() {
		User owner = this.users.create("Mia Owner");
		User ann = this.users.create("Ann Member");
		UUID softly = this.users.team("Deleted " + UUID.randomUUID(), owner, ann, "Member");
		UUID hard = this.users.team("Purged " + UUID.randomUUID(), owner, ann, "Member");
		UUID other = this.users.team("Kept " + UUID.randomUUID(), owner, ann, "Member");

		this.teams.delete(softly, owner.id(), owner.email(), this.teams.team(softly).name());
		assertThat(keptCount(softly)).isEqualTo(2).isEqualTo(countedMembers(softly));
		assertThatThrownBy(() -> this.teams.homeOf(this.authorization.of(owner.id(), softly)))
			.isInstanceOf(TeamNotFoundException.class);

		this.jdbc.update("delete from aventian.tbl_teams where id = ?", hard);
		assertThat(countedMembers(hard)).isZero();
		assertCounted(other, owner, 2);
	}

	@Test
	void aMembershipCannotMoveToAnotherTeam() {
		User owner = this.users.create("Mia Owner");
		User ann = this.users.create("Ann Member");
		UUID from = this.users.team("From " + UUID.randomUUID(), owner, ann, "Member");
		UUID to = this.users.team("To " + UUID.randomUUID(), owner);
		this.jdbc.update("delete from aventian.tbl_user_roles where team_id = ? and user_id = ?", from, ann.id());

		assertThatThrownBy(() -> this.jdbc.update("update aventian.tbl_memberships set team_id = ? where team_id = ? and user_id = ?",
				to, from, ann.id()))
			.hasMessageContaining("does not move to another team");
		assertCounted(from, owner, 2);
		assertCounted(to, owner, 1);
	}

	@Test
	void joinsAndRemovalsRunningAtOnceAreAllCounted() throws Exception {
		User owner = this.users.create("Mia Owner");
		UUID team = this.users.team("Busy " + UUID.randomUUID(), owner);
		UUID neighbour = this.users.team("Neighbour " + UUID.randomUUID(), owner);
		List<User> leaving = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			User member = this.users.create("Leaving Member " + i);
			// in both teams: deleting the user removes two memberships at once, racing the other threads' teams
			this.memberships.addMemberWithRole(team, member.id(), this.users.roleId(team, "Member"), owner.id());
			this.memberships.addMemberWithRole(neighbour, member.id(), this.users.roleId(neighbour, "Member"), owner.id());
			leaving.add(member);
		}
		List<User> joining = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			joining.add(this.users.create("Joining Member " + i));
		}
		assertCounted(team, owner, 7);

		List<Runnable> writes = new ArrayList<>();
		for (User member : joining) {
			// straight inserts, without the team lock the services take: the count alone must hold
			writes.add(() -> this.jdbc.update("insert into aventian.tbl_memberships (team_id, user_id) values (?, ?)", team,
					member.id()));
		}
		for (int i = 0; i < leaving.size(); i++) {
			UUID gone = leaving.get(i).id();
			writes.add((i % 2 == 0) ? () -> this.jdbc.update("delete from aventian.tbl_users where id = ?", gone)
					: () -> this.jdbc.update("delete from aventian.tbl_memberships where team_id = ? and user_id = ?", team, gone));
		}
		CyclicBarrier start = new CyclicBarrier(writes.size());
		List<CompletableFuture<Void>> running = writes.stream().map((write) -> CompletableFuture.runAsync(() -> {
			await(start);
			new TransactionTemplate(this.transactions).executeWithoutResult((status) -> write.run());
		}, command -> new Thread(command).start())).toList();
		CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

		assertCounted(team, owner, 1 + joining.size());
		assertThat(keptCount(neighbour)).isEqualTo(countedMembers(neighbour)).isEqualTo(4);
	}

	private void assertCounted(UUID team, User viewer, int members) {
		assertThat(countedMembers(team)).as("memberships of the team").isEqualTo(members);
		assertThat(keptCount(team)).as("the count kept on the team").isEqualTo(members);
		// as the gate reads it from PostgreSQL: some changes here are straight SQL, which no service evicts for
		assertThat(this.teams.homeOf(this.authorization.fromDatabase(this.authorization.cached(viewer.id(), team),
				(read) -> false)).memberCount()).as("team home's").isEqualTo(members);
		assertThat(this.memberships.members(team, "", 1).total()).as("the members page's").isEqualTo(members);
		assertThat(this.memberships.members(team, "", 99).total()).as("past the last page").isEqualTo(members);
	}

	private int keptCount(UUID team) {
		return this.jdbc.queryForObject("select member_count from aventian.tbl_teams where id = ?", Integer.class, team);
	}

	private int countedMembers(UUID team) {
		return this.jdbc.queryForObject("select count(*) from aventian.tbl_memberships where team_id = ?", Integer.class,
				team);
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
