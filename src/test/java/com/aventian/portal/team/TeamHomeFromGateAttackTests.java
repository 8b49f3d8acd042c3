package com.aventian.portal.team;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.rbac.Authorization;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Attacks on team home answering from the gate's cached privileges (issue 10, review of home16): what Redis holds
 * reaches the page only escaped, and a join's eviction published before its commit never lets a cold read racing it
 * leave the count as it was (committed or rolled back) in the cache for the very next team home.
 */
@PortalTest
class TeamHomeFromGateAttackTests {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	MembershipService memberships;

	@Autowired
	TeamService teams;

	@Autowired
	Authorization authorization;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	PlatformTransactionManager transactions;

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
		this.team = this.users.team("Attacked " + UUID.randomUUID(), this.owner, this.max, "Member", this.ann, "Admin");
		this.maxHttp = this.users.signedIn(this.port, this.max);
		assertThat(maxsTeamHome()).contains("data-testid=\"member-count\">3<");
	}

	@Test
	void aTamperedCachedRoleTextAndCountReachTeamHomeOnlyEscaped() {
		String key = "user:roles:" + this.max.id();
		String text = (String) this.redis.opsForHash().get(key, this.team.toString());
		assertThat(text).contains("\"homeRoles\":\"Member\"").contains("\"teamMemberCount\":3");

		this.redis.opsForHash().put(key, this.team.toString(),
				text.replace("\"homeRoles\":\"Member\"", "\"homeRoles\":\"<script>alert('x')</script>\"")
					.replace("\"teamMemberCount\":3", "\"teamMemberCount\":\"<b>7</b>\""));
		String body = maxsTeamHome();

		// a count that is no number is not decoded: the value is read afresh from PostgreSQL, roles and all
		assertThat(body).doesNotContain("<script>alert").doesNotContain("<b>7")
			.contains("data-testid=\"my-roles\">Member<").contains("data-testid=\"member-count\">3<");

		this.redis.opsForHash().put(key, this.team.toString(),
				text.replace("\"homeRoles\":\"Member\"", "\"homeRoles\":\"<script>alert('x')</script>\""));
		assertThat(maxsTeamHome()).doesNotContain("<script>alert")
			.contains("data-testid=\"my-roles\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;<");
	}

	@Test
	void eachJoinCountsOnTheVeryNextTeamHomeWhileColdTeamHomesRaceIt() throws Exception {
		List<User> readers = List.of(this.owner, this.max, this.ann);
		AtomicBoolean running = new AtomicBoolean(true);
		ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
		List<CompletableFuture<Void>> racing = new ArrayList<>();
		for (User reader : readers) {
			for (int copy = 0; copy < 2; copy++) {
				racing.add(CompletableFuture.runAsync(() -> {
					while (running.get()) {
						try {
							// cold after every join's eviction: loaded, and stored under the version seen before
							homeCount(reader.id());
						}
						catch (RuntimeException ex) {
							failures.add(ex);
						}
					}
				}, (command) -> new Thread(command).start()));
			}
		}
		try {
			for (int i = 0; i < 12; i++) {
				User joiner = this.users.create("Racing Joiner " + i);
				this.memberships.addMemberWithRole(this.team, joiner.id(), this.users.roleId(this.team, "Member"),
						this.owner.id());
				int expected = 4 + i;
				for (User reader : readers) {
					assertThat(this.teams.homeOf(this.authorization.of(reader.id(), this.team)).memberCount())
						.as("the very next team home of %s after join %d", reader.displayName(), i)
						.isEqualTo(expected);
				}
			}
		}
		finally {
			running.set(false);
			CompletableFuture.allOf(racing.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		}
		assertThat(failures).isEmpty();
		assertThat(maxsTeamHome()).contains("data-testid=\"member-count\">15<");
	}

	@Test
	void aJoinRolledBackAfterItsEvictionLeavesEveryTeamHomeWithTheCommittedCount() throws Exception {
		User cid = this.users.create("Cid Rolled Back");
		List<User> readers = List.of(this.owner, this.max, this.ann);
		AtomicBoolean running = new AtomicBoolean(true);
		List<CompletableFuture<Void>> racing = readers.stream().map((reader) -> CompletableFuture.runAsync(() -> {
			while (running.get()) {
				homeCount(reader.id());
			}
		}, (command) -> new Thread(command).start())).toList();
		TransactionTemplate outer = new TransactionTemplate(this.transactions);
		try {
			assertThatThrownBy(() -> outer.executeWithoutResult((status) -> {
				this.memberships.addMemberWithRole(this.team, cid.id(), this.users.roleId(this.team, "Member"),
						this.owner.id());
				// the evictions are published, the count is 4 in this transaction: readers race it meanwhile
				sleep(300);
				throw new IllegalStateException("what follows the join fails: all of it rolls back");
			})).isInstanceOf(IllegalStateException.class);
		}
		finally {
			running.set(false);
			CompletableFuture.allOf(racing.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		}

		for (User reader : readers) {
			assertThat(homeCount(reader.id())).as("team home of " + reader.displayName()).isEqualTo(3);
		}
		assertThat(maxsTeamHome()).contains("data-testid=\"member-count\">3<");
		assertThat(this.authorization.of(cid.id(), this.team).member()).isFalse();
	}

	@Test
	void aRemovedMemberAndEveryMemberOfADeletedTeamGet404OnTheirVeryNextTeamHome() {
		PortalHttp annHttp = this.users.signedIn(this.port, this.ann);
		assertThat(annHttp.get("/teams/" + this.team).statusCode()).isEqualTo(200);

		this.memberships.remove(new MembershipService.Actor(this.owner.id(), this.owner.email()), this.team, this.max.id());
		assertThat(this.maxHttp.get("/teams/" + this.team).statusCode()).isEqualTo(404);
		assertThat(annHttp.get("/teams/" + this.team).body()).contains("data-testid=\"member-count\">2<");

		String name = this.authorization.of(this.owner.id(), this.team).team().name();
		this.teams.delete(this.team, this.owner.id(), this.owner.email(), name);
		HttpResponse<String> deleted = annHttp.get("/teams/" + this.team);
		assertThat(deleted.statusCode()).isEqualTo(404);
		assertThat(deleted.body()).doesNotContain(name);
	}

	private String maxsTeamHome() {
		HttpResponse<String> response = this.maxHttp.get("/teams/" + this.team);
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private int homeCount(UUID member) {
		return this.teams.homeOf(this.authorization.of(member, this.team)).memberCount();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
