package com.aventian.portal.team;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.rbac.GrantOfMember;
import com.aventian.portal.rbac.RoleAssignments;
import com.aventian.portal.team.MembershipService.Actor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lock order around a team's members-list version (V32), threads against the real database. A rename takes the
 * user's row, then (V29's trigger) their memberships' rows, then their teams' versions; a role change takes the team,
 * then the membership's row, then the version. A change that moved the version (a grant written) and only then took a
 * membership's row waited for a rename of that member holding the row and waiting for the version: a deadlock, one of
 * the two refused. To make the interleaving certain, a third transaction holds the membership's row (as a last-active
 * update in flight would) until the rename and the change both wait for it; the rename is first in line.
 */
@PortalTest
class MembersListVersionLockOrderTests {

	@Autowired
	TestUsers users;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	MembershipService memberships;

	@Autowired
	RoleAssignments assignments;

	User owner;

	User max;

	UUID team;

	@BeforeEach
	void aTeamWithAnOwnerAndAMember() {
		this.owner = this.users.create("Olga Owner");
		this.max = this.users.create("Max Member");
		this.team = this.users.team("Locks " + UUID.randomUUID(), this.owner, this.max, "Member");
	}

	@Test
	void ownershipHandedToAMemberWhileTheyRenameThemself() throws Exception {
		whileRenamed(this.max, () -> this.memberships.transferOwnership(actor(), this.team, this.max.id()));
		assertThat(this.jdbc.queryForObject("select display_name from aventian.tbl_users where id = ?", String.class,
				this.max.id())).isEqualTo("Max Renamed");
	}

	@Test
	void ownershipHandedOverWhileTheOwnerRenamesThemself() throws Exception {
		whileRenamed(this.owner, () -> this.memberships.transferOwnership(actor(), this.team, this.max.id()));
	}

	@Test
	void aRoleGivenToAMemberWhileTheyRenameThemself() throws Exception {
		whileRenamed(this.max, () -> this.assignments.assign(actor(), this.team, this.max.id(),
				this.users.roleId(this.team, "Admin"), null));
	}

	@Test
	void aRoleTakenFromAMemberWhileTheyRenameThemself() throws Exception {
		GrantOfMember grant = this.assignments.assign(actor(), this.team, this.max.id(),
				this.users.roleId(this.team, "Admin"), null);
		whileRenamed(this.max, () -> this.assignments.unassign(actor(), this.team, grant.id()));
	}

	Actor actor() {
		return new Actor(this.owner.id(), this.owner.email());
	}

	/** The change and a rename of {@code renamed} at once, both waiting for the membership's row first. */
	void whileRenamed(User renamed, Runnable change) throws Exception {
		CompletableFuture<Void> rename;
		CompletableFuture<Void> changed;
		try (Connection holder = this.dataSource.getConnection()) {
			holder.setAutoCommit(false);
			try (PreparedStatement hold = holder.prepareStatement(
					"select 1 from aventian.tbl_memberships where team_id = ? and user_id = ? for no key update")) {
				hold.setObject(1, this.team);
				hold.setObject(2, renamed.id());
				hold.executeQuery().close();
			}
			int waiting = waiting();
			rename = CompletableFuture.runAsync(() -> this.jdbc
				.update("update aventian.tbl_users set display_name = 'Max Renamed' where id = ?", renamed.id()));
			awaitWaiting(waiting + 1);
			changed = CompletableFuture.runAsync(change);
			awaitWaiting(waiting + 2);
			holder.commit();
		}
		// a deadlock is found after deadlock_timeout (1 s) and refuses one of the two
		rename.get(30, TimeUnit.SECONDS);
		changed.get(30, TimeUnit.SECONDS);
	}

	int waiting() {
		return this.jdbc.queryForObject("select count(*) from pg_stat_activity where wait_event_type = 'Lock'",
				Integer.class);
	}

	void awaitWaiting(int count) throws InterruptedException {
		long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (waiting() < count) {
			assertThat(System.nanoTime()).as("%d transactions waiting for a lock", count).isLessThan(until);
			Thread.sleep(20);
		}
	}

}
