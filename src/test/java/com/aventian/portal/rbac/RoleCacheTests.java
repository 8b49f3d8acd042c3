package com.aventian.portal.rbac;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.aventian.portal.PortalTest;
import com.aventian.portal.RecordedStatements;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.rbac.RbacFixture.Product;
import com.aventian.portal.team.MembershipService;
import com.aventian.portal.team.MembershipService.Actor;
import com.aventian.portal.team.TeamService;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache of computed privileges, {@code user:roles:<user id>}: a hash with a field per team, filled on
 * the first read, invalidated by every change before it commits, and never refilled with an answer read
 * before a change.
 */
@PortalTest
class RoleCacheTests {

	@Autowired
	Authorization authorization;

	@Autowired
	RoleCache cache;

	@Autowired
	TestUsers users;

	@Autowired
	RbacFixture fixture;

	@Autowired
	MembershipService memberships;

	@Autowired
	TeamService teams;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	RecordedStatements statements;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	User owner;

	User ann;

	UUID team;

	UUID otherTeam;

	String read;

	UUID editor;

	@BeforeEach
	void givenAMemberOfTwoTeams() {
		Product crm = this.fixture.product();
		this.read = this.fixture.privilege(crm, "contact.read");
		this.owner = this.users.create("Olga Owner");
		this.ann = this.users.create("Ann Cached");
		this.team = this.users.team("Cached " + UUID.randomUUID(), this.owner, this.ann, "Viewer");
		this.otherTeam = this.users.team("Other " + UUID.randomUUID(), this.owner, this.ann, "Member");
		this.editor = this.fixture.role(this.team, "Editor", false, true, this.read, "team.read");
		this.fixture.grant(this.team, this.ann.id(), this.editor, null);
		// the owner holds whatever Ann holds, so the owner may change her role
		this.fixture.grant(this.team, this.owner.id(), this.editor, null);
	}

	String key() {
		return "user:roles:" + this.ann.id();
	}

	@Test
	void aMembersPrivilegesAreCachedAsAHashWithAFieldPerTeamAndATimeToLive() {
		this.authorization.of(this.ann.id(), this.team);
		this.authorization.of(this.ann.id(), this.otherTeam);

		Map<Object, Object> hash = this.redis.opsForHash().entries(key());
		assertThat(hash).containsKeys(this.team.toString(), this.otherTeam.toString(), RoleCache.VERSION);
		assertThat((String) hash.get(this.team.toString())).contains(this.read).contains("Editor");
		assertThat(this.redis.getExpire(key())).isBetween(1L, 600L);
	}

	@Test
	void aCachedAnswerCostsNoQuery() {
		this.authorization.of(this.ann.id(), this.team);

		List<RecordedStatements.Statement> ran = this.statements.during(
				() -> assertThat(this.authorization.can(this.ann.id(), this.team, this.read, null)).isTrue());

		assertThat(ran).isEmpty();
	}

	@Test
	void aNonMemberIsNeverCached() {
		User stranger = this.users.create("Stan Stranger");

		assertThat(this.authorization.of(stranger.id(), this.team).member()).isFalse();

		assertThat(this.redis.opsForHash().hasKey("user:roles:" + stranger.id(), this.team.toString())).isFalse();
	}

	@Test
	void aRoleChangeIsVisibleOnTheVeryNextCall() {
		assertThat(this.authorization.can(this.ann.id(), this.team, this.read, null)).isTrue();
		UUID viewer = this.users.roleId(this.team, "Viewer");

		this.memberships.changeRole(new Actor(this.owner.id(), this.owner.email()), this.team, this.ann.id(), viewer,
				this.memberships.member(this.team, this.ann.id()).version());

		assertThat(this.authorization.can(this.ann.id(), this.team, this.read, null)).isFalse();
	}

	@Test
	void theSameCachedTextIsDecodedOnceAndItsPrivilegesSharedByTheReadsAfter() {
		// given Ann's privileges cached (the first read loads and stores them, the second decodes the text)
		this.authorization.of(this.ann.id(), this.team);
		EffectivePrivileges decoded = this.authorization.of(this.ann.id(), this.team);

		// when they are read again while Redis holds the same text
		List<RecordedStatements.Statement> ran = this.statements.during(
				() -> assertThat(this.authorization.of(this.ann.id(), this.team)).isSameAs(decoded));

		// then no query ran and what was decoded before is answered; another team's are decoded on their own
		assertThat(ran).isEmpty();
		assertThat(this.authorization.of(this.ann.id(), this.otherTeam)).isNotSameAs(decoded);
		assertThat(this.authorization.of(this.ann.id(), this.otherTeam).can(this.read)).isFalse();
	}

	@Test
	void aCachedTextRewrittenInRedisIsDecodedAfreshOnTheVeryNextRead() {
		// given Ann's privileges cached and their text decoded and kept
		this.authorization.of(this.ann.id(), this.team);
		assertThat(this.authorization.of(this.ann.id(), this.team).can(this.read)).isTrue();
		String text = (String) this.redis.opsForHash().get(key(), this.team.toString());

		// when another instance stores a text without the grant of contact.read and with the team renamed
		String rewritten = text.replace("\"" + this.read + "\"", "\"contact.none\"")
			.replace("\"Cached ", "\"Renamed ");
		assertThat(rewritten).isNotEqualTo(text);
		this.redis.opsForHash().put(key(), this.team.toString(), rewritten);

		// then the very next read answers the new text, not what was decoded from the old one
		EffectivePrivileges next = this.authorization.of(this.ann.id(), this.team);
		assertThat(next.can(this.read)).isFalse();
		assertThat(next.team().name()).startsWith("Renamed ");
		// and the original text, stored again, is decoded again
		this.redis.opsForHash().put(key(), this.team.toString(), text);
		assertThat(this.authorization.of(this.ann.id(), this.team).can(this.read)).isTrue();
	}

	@Test
	void aRenamedTeamAndADeletedTeamAreSeenAtOnce() {
		String name = this.authorization.of(this.ann.id(), this.otherTeam).team().name();

		this.teams.rename(this.otherTeam, this.owner.id(), this.owner.email(), name + " renamed", 0);
		assertThat(this.authorization.of(this.ann.id(), this.otherTeam).team().name()).isEqualTo(name + " renamed");

		this.teams.delete(this.otherTeam, this.owner.id(), this.owner.email(), name + " renamed");
		assertThat(this.authorization.of(this.ann.id(), this.otherTeam).member()).isFalse();
	}

	@Test
	void privilegesChangedOfATeamInvalidatesEveryMember() {
		this.authorization.of(this.ann.id(), this.team);
		this.authorization.of(this.owner.id(), this.team);

		this.transactions.executeWithoutResult((status) -> {
			this.fixture.role(this.team, "Unused", false, true);
			this.events.publishEvent(PrivilegesChanged.ofTeam(this.team));
		});

		assertThat(this.redis.opsForHash().hasKey(key(), this.team.toString())).isFalse();
		assertThat(this.redis.opsForHash().hasKey("user:roles:" + this.owner.id(), this.team.toString())).isFalse();
	}

	@Test
	void whileAChangeIsUncommittedNobodyFillsTheCacheAndAfterItNobodyReadsTheOldAnswer() {
		this.authorization.of(this.ann.id(), this.team);
		AtomicInteger loads = new AtomicInteger();

		this.transactions.executeWithoutResult((status) -> {
			this.fixture.grant(this.team, this.ann.id(), this.users.roleId(this.team, "Owner"), null);
			this.events.publishEvent(PrivilegesChanged.ofMembers(this.team, List.of(this.ann.id())));
			// a reader on another connection meanwhile sees the committed (old) grants and must not store them
			CompletableFuture.runAsync(() -> this.cache.get(this.ann.id(), this.team, () -> {
				loads.incrementAndGet();
				return this.authorizationWithoutCache();
			})).join();
			assertThat(this.redis.opsForHash().hasKey(key(), this.team.toString())).isFalse();
		});

		assertThat(loads).hasValue(1);
		assertThat(this.authorization.can(this.ann.id(), this.team, "team.delete", null)).isTrue();
	}

	@Test
	void anAnswerReadBeforeAChangeIsNeverStoredAfterIt() {
		// the reader loads the old grants, then the change commits and evicts, then the reader tries to store
		EffectivePrivileges stale = this.cache.get(this.ann.id(), this.team, () -> {
			EffectivePrivileges before = authorizationWithoutCache();
			this.memberships.changeRole(new Actor(this.owner.id(), this.owner.email()), this.team, this.ann.id(),
					this.users.roleId(this.team, "Viewer"), this.memberships.member(this.team, this.ann.id()).version());
			return before;
		});

		assertThat(stale.can(this.read)).isTrue();
		assertThat(this.redis.opsForHash().hasKey(key(), this.team.toString())).isFalse();
		assertThat(this.authorization.can(this.ann.id(), this.team, this.read, null)).isFalse();
	}

	@Test
	void aLookupsMissThenALoadRacingARevocationNeverStoresTheRevokedGrant() {
		// given Ann's privileges not cached, and a caller that looked them up (a miss: the version it will store under)
		this.redis.delete(key());
		PrivilegesLookup lookup = this.authorization.cached(this.ann.id(), this.team);
		assertThat(lookup.found()).isEmpty();

		// when its load reads her grants, then her role is taken away and commits before the load is stored
		EffectivePrivileges stale = this.cache.load(lookup, () -> {
			EffectivePrivileges before = authorizationWithoutCache();
			this.memberships.changeRole(new Actor(this.owner.id(), this.owner.email()), this.team, this.ann.id(),
					this.users.roleId(this.team, "Viewer"), this.memberships.member(this.team, this.ann.id()).version());
			return before;
		});

		// then that call answers what it read (it began before the revocation), nothing of it is cached, and the
		// next lookup misses and its load sees the revocation
		assertThat(stale.can(this.read)).isTrue();
		assertThat(this.redis.opsForHash().hasKey(key(), this.team.toString())).isFalse();
		PrivilegesLookup next = this.authorization.cached(this.ann.id(), this.team);
		assertThat(next.found()).isEmpty();
		assertThat(this.authorization.of(next).can(this.read)).isFalse();
		assertThat(this.authorization.cached(this.ann.id(), this.team).found()).hasValueSatisfying(
				(cached) -> assertThat(cached.can(this.read)).isFalse());
	}

	@Test
	void aLookupTakenBeforeARevocationCommittedStoresNothingEvenIfItsLoadComesAfter() {
		// given a caller that looked Ann's privileges up (a miss) and read her grants before her role was taken away
		this.redis.delete(key());
		PrivilegesLookup lookup = this.authorization.cached(this.ann.id(), this.team);
		EffectivePrivileges stale = authorizationWithoutCache();
		this.memberships.changeRole(new Actor(this.owner.id(), this.owner.email()), this.team, this.ann.id(),
				this.users.roleId(this.team, "Viewer"), this.memberships.member(this.team, this.ann.id()).version());

		// when it stores only now what it read
		EffectivePrivileges loaded = this.cache.load(lookup, () -> stale);

		// then it is not stored: the version it saw is gone, so the cache cannot hold the revoked grant
		assertThat(loaded.can(this.read)).isTrue();
		assertThat(this.redis.opsForHash().hasKey(key(), this.team.toString())).isFalse();
		assertThat(this.authorization.can(this.ann.id(), this.team, this.read, null)).isFalse();
	}

	@Autowired
	RoleAssignments assignments;

	@Test
	void aGrantCommittedWhileAnotherThreadLoadsColdNeverLeavesTheOldAnswerCached() throws Exception {
		// given Ann's privileges not cached, and a reader on one thread that has just read her old grants
		this.redis.delete(key());
		UUID ownerRole = this.users.roleId(this.team, "Owner");
		CountDownLatch readOld = new CountDownLatch(1);
		CountDownLatch grantCommitted = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Future<EffectivePrivileges> reader = threads.submit(() -> this.cache.get(this.ann.id(), this.team, () -> {
				EffectivePrivileges old = authorizationWithoutCache();
				readOld.countDown();
				await(grantCommitted);
				return old;
			}));
			// when the owner grants her Owner on another thread and it commits before the reader stores what it read
			Future<?> granter = threads.submit(() -> {
				await(readOld);
				this.assignments.assign(new Actor(this.owner.id(), this.owner.email()), this.team, this.ann.id(), ownerRole, null);
				grantCommitted.countDown();
				return null;
			});
			granter.get(30, TimeUnit.SECONDS);

			// then the reader answers what it read (its call began before the grant), the cache keeps nothing of it,
			// and the very next call sees the grant
			assertThat(reader.get(30, TimeUnit.SECONDS).can("team.delete")).isFalse();
			assertThat(this.redis.opsForHash().hasKey(key(), this.team.toString())).isFalse();
			assertThat(this.authorization.can(this.ann.id(), this.team, "team.delete", null)).isTrue();
			assertThat((String) this.redis.opsForHash().get(key(), this.team.toString())).contains("team.delete");
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void grantsAndRevocationsRacingColdLoadsLeaveTheCacheAgreeingWithPostgresEveryTime() throws Exception {
		// given Ann, whose Owner grant the owner gives and takes back while another thread loads her privileges cold
		UUID ownerRole = this.users.roleId(this.team, "Owner");
		Actor actor = new Actor(this.owner.id(), this.owner.email());
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			UUID grant = null;
			for (int round = 0; round < 20; round++) {
				this.redis.delete(key());
				CyclicBarrier together = new CyclicBarrier(2);
				UUID current = grant;
				Future<?> reader = threads.submit(() -> {
					together.await(30, TimeUnit.SECONDS);
					return this.authorization.of(this.ann.id(), this.team);
				});
				Future<UUID> changer = threads.submit(() -> {
					together.await(30, TimeUnit.SECONDS);
					return (current == null) ? this.assignments.assign(actor, this.team, this.ann.id(), ownerRole, null).id()
							: this.assignments.unassign(actor, this.team, current).id();
				});
				UUID changed = changer.get(30, TimeUnit.SECONDS);
				reader.get(30, TimeUnit.SECONDS);
				grant = (current == null) ? changed : null;

				// then after both, the cached answer (if any) and the next call agree with PostgreSQL
				boolean granted = grant != null;
				assertThat(this.authorization.can(this.ann.id(), this.team, "team.delete", null)).as("round %d", round)
					.isEqualTo(granted);
				assertThat(authorizationWithoutCache().can("team.delete")).as("round %d", round).isEqualTo(granted);
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	/**
	 * A change whose transaction outlives its pending mark (60 s: a lock waited for, a template re-applied to a big
	 * team): once the mark expires, readers fill the hash again with the answer as committed before the change, which
	 * is right until it commits. The change must mark the hash again as it commits, else a request that begins after
	 * the commit, before the eviction that follows it, reads the revoked grant from the cache (and keeps reading it
	 * for the whole time to live if that eviction does not reach Redis).
	 */
	@Test
	void aChangeOutlivingItsPendingMarkIsNotReadFromTheCacheOnceItHasCommitted() {
		this.authorization.of(this.ann.id(), this.team);
		UUID viewer = this.users.roleId(this.team, "Viewer");
		AtomicReference<Boolean> readAfterCommit = new AtomicReference<>();

		this.transactions.executeWithoutResult((status) -> {
			// given a revocation, marked pending inside its transaction
			this.memberships.changeRole(new Actor(this.owner.id(), this.owner.email()), this.team, this.ann.id(), viewer,
					this.memberships.member(this.team, this.ann.id()).version());
			assertThat(this.redis.opsForHash().hasKey(key(), this.team.toString())).isFalse();
			// when the transaction runs past the mark's time to live (shortened here) and a reader fills the cache with
			// the grants as committed before it (right until the revocation commits)
			this.redis.expire(key(), Duration.ofMillis(1));
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !this.redis.hasKey(key()));
			assertThat(CompletableFuture.supplyAsync(() -> this.authorization.can(this.ann.id(), this.team, this.read, null))
				.join()).isTrue();
			// and a request on another thread begins right after the commit
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					readAfterCommit.set(CompletableFuture
						.supplyAsync(() -> RoleCacheTests.this.authorization.can(RoleCacheTests.this.ann.id(),
								RoleCacheTests.this.team, RoleCacheTests.this.read, null))
						.join());
				}

			});
		});

		// then it does not see the revoked grant
		assertThat(readAfterCommit.get()).isFalse();
		assertThat(this.authorization.can(this.ann.id(), this.team, this.read, null)).isFalse();
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Autowired
	AuthorizationMapper mapper;

	@Autowired
	JsonMapper json;

	/** What PostgreSQL says now, read on another thread (so on another connection, outside any transaction of the test). */
	private EffectivePrivileges authorizationWithoutCache() {
		return CompletableFuture.supplyAsync(() -> {
			AuthorizationMapper.MemberGrants member = this.mapper.findEffectivePrivileges(this.ann.id(), this.team).orElseThrow();
			return new EffectivePrivileges(this.ann.id(), this.team, member.team(), member.memberEmail(), member.memberName(),
					member.memberStatus(), member.products(), this.json.readValue(member.grants(), new TypeReference<List<Grant>>() {
					}), member.teamMemberCount(), member.homeRoles());
		}).join();
	}

}
