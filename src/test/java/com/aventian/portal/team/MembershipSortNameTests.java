package com.aventian.portal.team;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.ProfileService;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The members page reads a team's first pages in name order from the sort key kept next to each membership
 * (V29), and its search filters by that key and the lower-cased e-mail kept beside it (V30): a rename or a change
 * of e-mail reaches the member's place and matches in every team at once, and neither racing a join can leave the
 * new membership with the old value, whichever of the two commits first.
 */
@PortalTest
class MembershipSortNameTests {

	private static final String RENAME = "update aventian.tbl_users set display_name = ? where id = ? /* sort name race */";

	private static final String CHANGE_EMAIL = "update aventian.tbl_users set email = ? where id = ? /* sort name race */";

	private static final String JOIN = "insert into aventian.tbl_memberships (team_id, user_id) values (?, ?) /* sort name race */";

	@Autowired
	TestUsers users;

	@Autowired
	ProfileService profiles;

	@Autowired
	MembershipService memberships;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void aRenamedMemberTakesTheirNewPlaceInEveryTeamsOrder() {
		User owner = this.users.create("Mia Owner");
		User zoe = this.users.create("Zoe Member");
		User nick = this.users.create("Nick Member");
		UUID first = this.users.team("Sorted " + UUID.randomUUID(), owner, zoe, "Member", nick, "Member");
		UUID second = this.users.team("Sorted " + UUID.randomUUID(), owner, zoe, "Member");
		assertThat(names(first)).containsExactly("Mia Owner", "Nick Member", "Zoe Member");

		this.profiles.rename(zoe.id(), "Abby Renamed");

		assertThat(names(first)).containsExactly("Abby Renamed", "Mia Owner", "Nick Member");
		assertThat(names(second)).containsExactly("Abby Renamed", "Mia Owner");
		assertThat(this.memberships.members(first, "abby", 1).members()).extracting(MemberRow::displayName)
			.containsExactly("Abby Renamed");
	}

	@Test
	void aJoinWaitingForARenameInFlightIsSortedByTheNewName() throws Exception {
		User owner = this.users.create("Mia Owner");
		User late = this.users.create("Zed Joiner");
		UUID team = this.users.team("Race " + UUID.randomUUID(), owner);

		raced(() -> this.jdbc.update(RENAME, "Aaron Joiner", late.id()), () -> this.jdbc.update(JOIN, team, late.id()));

		assertThat(sortName(team, late)).isEqualTo("aaron joiner");
		assertThat(names(team)).containsExactly("Aaron Joiner", "Mia Owner");
	}

	@Test
	void aRenameWaitingForAJoinInFlightRenamesTheNewMembershipToo() throws Exception {
		User owner = this.users.create("Mia Owner");
		User late = this.users.create("Zed Joiner");
		UUID team = this.users.team("Race " + UUID.randomUUID(), owner);

		raced(() -> this.jdbc.update(JOIN, team, late.id()), () -> this.jdbc.update(RENAME, "Aaron Joiner", late.id()));

		assertThat(sortName(team, late)).isEqualTo("aaron joiner");
		assertThat(names(team)).containsExactly("Aaron Joiner", "Mia Owner");
	}

	@Test
	void aChangedEmailIsFoundByTheSearchInEveryTeamAndTheOldOneNoLonger() {
		User owner = this.users.create("Mia Owner");
		User zoe = this.users.create("Zoe Member");
		UUID first = this.users.team("Searched " + UUID.randomUUID(), owner, zoe, "Member");
		UUID second = this.users.team("Searched " + UUID.randomUUID(), owner, zoe, "Member");
		String mark = UUID.randomUUID().toString().substring(0, 8);

		this.jdbc.update("update aventian.tbl_users set email = ? where id = ?", "Zoe.New-" + mark + "@Example.COM", zoe.id());

		for (UUID team : List.of(first, second)) {
			MembersPage found = this.memberships.members(team, "zoe.new-" + mark.toUpperCase(), 1);
			assertThat(found.members()).extracting(MemberRow::email).containsExactly("Zoe.New-" + mark + "@Example.COM");
			assertThat(found.total()).isEqualTo(1);
			assertThat(this.memberships.members(team, zoe.email(), 1).members()).isEmpty();
		}
		assertThat(searchEmail(first, zoe)).isEqualTo("zoe.new-" + mark + "@example.com");
	}

	@Test
	void aJoinWaitingForAnEmailChangeInFlightIsFoundByTheNewEmail() throws Exception {
		User owner = this.users.create("Mia Owner");
		User late = this.users.create("Zed Joiner");
		UUID team = this.users.team("Race " + UUID.randomUUID(), owner);
		String email = "zed.moved." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

		raced(() -> this.jdbc.update(CHANGE_EMAIL, email, late.id()), () -> this.jdbc.update(JOIN, team, late.id()));

		assertThat(searchEmail(team, late)).isEqualTo(email);
		assertThat(this.memberships.members(team, email, 1).members()).extracting(MemberRow::displayName)
			.containsExactly("Zed Joiner");
	}

	@Test
	void anEmailChangeWaitingForAJoinInFlightReachesTheNewMembershipToo() throws Exception {
		User owner = this.users.create("Mia Owner");
		User late = this.users.create("Zed Joiner");
		UUID team = this.users.team("Race " + UUID.randomUUID(), owner);
		String email = "zed.moved." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

		raced(() -> this.jdbc.update(JOIN, team, late.id()), () -> this.jdbc.update(CHANGE_EMAIL, email, late.id()));

		assertThat(searchEmail(team, late)).isEqualTo(email);
		assertThat(this.memberships.members(team, late.email(), 1).members()).isEmpty();
	}

	@Test
	void aRenameWaitingForARoleChangeOfTheSameMemberFinishesWithoutADeadlock() throws Exception {
		// the rename locks the user, then the user's memberships (V29's trigger); a role change holds the team and
		// the membership, then writes the member's grants, which only key-share the user: no cycle (review14)
		User owner = this.users.create("Mia Owner");
		User zed = this.users.create("Zed Member");
		UUID team = this.users.team("Race " + UUID.randomUUID(), owner, zed, "Member");
		int version = this.memberships.member(team, zed.id()).version();
		CountDownLatch changed = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<MemberRow> roleChange = CompletableFuture.supplyAsync(() -> new TransactionTemplate(this.transactions)
			.execute((status) -> {
				MemberRow row = this.memberships.changeRole(new MembershipService.Actor(owner.id(), owner.email()), team,
						zed.id(), this.users.roleId(team, "Admin"), version);
				changed.countDown();
				await(release);
				return row;
			}));
		assertThat(changed.await(30, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Void> rename = CompletableFuture.runAsync(() -> this.profiles.rename(zed.id(), "Abe Member"));
		try {
			assertThat(waitingOnALock("%tbl_users set display_name%", Duration.ofSeconds(30)))
				.as("the rename's trigger waits for the membership the role change holds").isTrue();
		}
		finally {
			release.countDown();
		}

		assertThat(roleChange.get(30, TimeUnit.SECONDS).roleNames()).isEqualTo("Admin");
		rename.get(30, TimeUnit.SECONDS);
		assertThat(sortName(team, zed)).isEqualTo("abe member");
		assertThat(names(team)).containsExactly("Abe Member", "Mia Owner");
	}

	private boolean waitingOnALock(String query, Duration within) throws InterruptedException {
		Instant end = Instant.now().plus(within);
		while (Instant.now().isBefore(end)) {
			Integer waiting = this.jdbc.queryForObject(
					"select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like ?", Integer.class, query);
			if (waiting != null && waiting > 0) {
				return true;
			}
			Thread.sleep(20);
		}
		return false;
	}

	/**
	 * Runs {@code held} in a transaction left open until {@code waiting}, started meanwhile on another connection,
	 * is seen blocked on a lock by PostgreSQL; then commits and lets {@code waiting} finish.
	 */
	private void raced(Runnable held, Runnable waiting) throws Exception {
		CountDownLatch written = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> new TransactionTemplate(this.transactions)
			.executeWithoutResult((status) -> {
				held.run();
				written.countDown();
				await(release);
			}));
		assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Void> waiter = CompletableFuture.runAsync(waiting);
		try {
			assertThat(blockedOnALock(Duration.ofSeconds(30))).as("the second writer waits for the first").isTrue();
		}
		finally {
			release.countDown();
		}
		holder.get(30, TimeUnit.SECONDS);
		waiter.get(30, TimeUnit.SECONDS);
	}

	private boolean blockedOnALock(Duration within) throws InterruptedException {
		Instant end = Instant.now().plus(within);
		while (Instant.now().isBefore(end)) {
			Integer waiting = this.jdbc.queryForObject("select count(*) from pg_stat_activity "
					+ "where wait_event_type = 'Lock' and query like '%/* sort name race */%'", Integer.class);
			if (waiting != null && waiting > 0) {
				return true;
			}
			Thread.sleep(20);
		}
		return false;
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private String sortName(UUID team, User user) {
		return this.jdbc.queryForObject("select sort_name from aventian.tbl_memberships where team_id = ? and user_id = ?",
				String.class, team, user.id());
	}

	private String searchEmail(UUID team, User user) {
		return this.jdbc.queryForObject("select search_email from aventian.tbl_memberships where team_id = ? and user_id = ?",
				String.class, team, user.id());
	}

	private List<String> names(UUID team) {
		return this.memberships.members(team, "", 1).members().stream().map(MemberRow::displayName).toList();
	}

}
