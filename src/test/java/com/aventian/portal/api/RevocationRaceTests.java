package com.aventian.portal.api;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntPredicate;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.AccountService;
import com.aventian.portal.account.User;
import com.aventian.portal.api.ApiFixture.Product;
import com.aventian.portal.apikey.ApiKeys;
import com.aventian.portal.provisioning.Subscriptions;
import com.aventian.portal.team.MembershipService;
import com.aventian.portal.team.MembershipService.Actor;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.aventian.portal.api.ApiHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No request ever sees a privilege revoked before it began: four products' threads stream authorize calls
 * (each filling and reading the cache) while the member's role is taken away; every call that started after
 * the revocation returned is refused, and the calls before it were allowed. The same for a revoked API key,
 * which is cached too ({@code ApiKeyCache}).
 */
@PortalTest
class RevocationRaceTests {

	@LocalServerPort
	int port;

	@Autowired
	ApiFixture fixture;

	@Autowired
	TestUsers users;

	@Autowired
	MembershipService memberships;

	@Autowired
	ApiKeys keys;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Subscriptions subscriptions;

	@Autowired
	AccountService accounts;

	@Autowired
	StringRedisTemplate redis;

	record Call(long startedAt, boolean allowed, boolean startedAfter) {

		Call(long startedAt, boolean allowed) {
			this(startedAt, allowed, false);
		}

	}

	@Test
	void aRevocationRacingAStreamOfAuthorizeCallsIsSeenByEveryCallThatStartsAfterIt() throws Exception {
		Race race = race();
		this.fixture.grant(race.team(), race.owner().id(), race.editor(), null);

		List<Call> calls = streamWhile(null,
				(i) -> json(race.api().post("/api/v1/authorize", race.check())).path("allowed").asBoolean(), demote(race));

		assertThat(calls).filteredOn(Call::startedAfter).hasSizeGreaterThanOrEqualTo(40).noneMatch(Call::allowed);
		assertThat(calls).filteredOn(Call::allowed).hasSizeGreaterThanOrEqualTo(1);
	}

	/**
	 * The same race through GetUserDetails, whose calls after the revocation are cold: each looks the member up once,
	 * loads her grants on the miss and stores them under the version that look saw (so a load from before the
	 * revocation, stored after it, would be seen here by the calls that follow).
	 */
	@Test
	void aRevocationRacingAStreamOfColdGetUserDetailsCallsIsSeenByEveryCallThatStartsAfterIt() throws Exception {
		Race race = race();
		this.fixture.grant(race.team(), race.owner().id(), race.editor(), null);

		List<Call> calls = streamWhile(null, (i) -> race.detailsShow(), demote(race));

		assertThat(calls).filteredOn(Call::startedAfter).hasSizeGreaterThanOrEqualTo(40).noneMatch(Call::allowed);
		assertThat(calls).filteredOn(Call::allowed).hasSizeGreaterThanOrEqualTo(1);
	}

	/**
	 * A subscription cancelled while four threads stream GetUserDetails and authorize about a member, half of the calls
	 * cold (the member's cached privileges deleted before each): every call that starts after the cancellation returned
	 * is 404, the product seeing the team no more.
	 */
	@Test
	void aSubscriptionCancelledWhileAStreamOfColdAndWarmCallsAsksAboutTheTeamIs404ToEveryCallThatStartsAfterIt()
			throws Exception {
		Race race = race();
		UUID subscription = this.subscriptions.entry(race.team(), race.product().id()).subscriptionId();

		List<Call> calls = streamWhile(race.ann(),
				(i) -> ((i % 2 == 0) ? race.api().get(race.details()) : race.api().post("/api/v1/authorize", race.check()))
					.statusCode() == 200,
				() -> this.subscriptions.cancel(race.ownerActor(), race.team(), subscription));

		assertThat(calls).filteredOn(Call::startedAfter).hasSizeGreaterThanOrEqualTo(40).noneMatch(Call::allowed);
		assertThat(calls).filteredOn(Call::allowed).hasSizeGreaterThanOrEqualTo(1);
	}

	/**
	 * A member's account disabled while four threads stream authorize and GetUserDetails about her, half of the calls
	 * cold: every call that starts after the disabling returned refuses her and shows no privilege.
	 */
	@Test
	void aUserDisabledWhileAStreamOfColdAndWarmCallsAsksAboutThemIsRefusedToEveryCallThatStartsAfterIt() throws Exception {
		Race race = race();
		User admin = this.users.create("Ada Admin");
		this.accounts.grantPlatformAdmin(admin.id());

		List<Call> calls = streamWhile(race.ann(), (i) -> (i % 2 == 0) ? race.detailsShow()
				: json(race.api().post("/api/v1/authorize", race.check())).path("allowed").asBoolean(),
				() -> this.accounts.disable(race.ann().id(), admin.id()));

		assertThat(calls).filteredOn(Call::startedAfter).hasSizeGreaterThanOrEqualTo(40).noneMatch(Call::allowed);
		assertThat(calls).filteredOn(Call::allowed).hasSizeGreaterThanOrEqualTo(1);
	}

	@Test
	void aKeyRevokedWhileAStreamOfCallsUsesItIsRefusedToEveryCallThatStartsAfterTheRevocation() throws Exception {
		Product crm = this.fixture.product();
		String key = this.fixture.key(crm);
		ApiHttp api = new ApiHttp(this.port, key);
		UUID keyId = this.jdbc.queryForObject("select id from aventian.tbl_api_keys where prefix = ?", UUID.class,
				key.substring(0, 12));

		List<Call> calls = streamWhile(null, (i) -> api.get("/api/v1/ping").statusCode() == 200,
				() -> this.keys.revoke(crm.id(), keyId, null, null));

		assertThat(calls).filteredOn(Call::startedAfter).hasSizeGreaterThanOrEqualTo(40).noneMatch(Call::allowed);
		assertThat(calls).filteredOn(Call::allowed).hasSizeGreaterThanOrEqualTo(1);
	}

	/**
	 * Four threads call (each call given its number) until 40 calls have started after {@code change} returned; given a
	 * member, the odd threads delete her cached privileges before each call, so half of the calls are cold. Each call
	 * is returned with whether it was allowed and whether it started after the change.
	 */
	private List<Call> streamWhile(User coldMember, IntPredicate call, Runnable change) throws Exception {
		ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
		AtomicBoolean stop = new AtomicBoolean();
		CountDownLatch warm = new CountDownLatch(40);
		ExecutorService callers = Executors.newFixedThreadPool(4);
		for (int t = 0; t < 4; t++) {
			boolean cold = coldMember != null && t % 2 == 1;
			callers.submit(() -> {
				for (int i = 0; !stop.get(); i++) {
					if (cold) {
						this.redis.delete("user:roles:" + coldMember.id());
					}
					long started = System.nanoTime();
					calls.add(new Call(started, call.test(i)));
					warm.countDown();
				}
				return null;
			});
		}
		assertThat(warm.await(60, TimeUnit.SECONDS)).isTrue();
		change.run();
		long changed = System.nanoTime();
		while (calls.stream().filter((c) -> c.startedAt() > changed).count() < 40) {
			Thread.sleep(10);
		}
		stop.set(true);
		callers.shutdown();
		assertThat(callers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		return calls.stream().map((c) -> new Call(c.startedAt(), c.allowed(), c.startedAt() > changed)).toList();
	}

	/**
	 * A team with the product, its owner Olga, and Ann, a member the team's Editor role gives the product's
	 * {@code contact.read}: the subject every race is about.
	 */
	private Race race() {
		Product crm = this.fixture.product();
		String read = this.fixture.privilege(crm, "contact.read");
		ApiHttp api = new ApiHttp(this.port, this.fixture.key(crm));
		User owner = this.users.create("Olga Owner");
		User ann = this.users.create("Ann Racing");
		UUID team = this.users.team("Race " + UUID.randomUUID(), owner, ann, "Viewer");
		this.fixture.associate(team, crm);
		UUID editor = this.fixture.role(team, "Editor", false, true, read);
		this.fixture.grant(team, ann.id(), editor, null);
		return new Race(crm, read, api, owner, ann, team, editor);
	}

	/** Ann's role changed by the owner from Editor to Viewer, which takes {@code contact.read} away. */
	private Runnable demote(Race race) {
		return () -> this.memberships.changeRole(race.ownerActor(), race.team(), race.ann().id(),
				this.users.roleId(race.team(), "Viewer"), this.memberships.member(race.team(), race.ann().id()).version());
	}

	record Race(Product product, String read, ApiHttp api, User owner, User ann, UUID team, UUID editor) {

		String check() {
			return "{\"userId\":\"" + this.ann.id() + "\",\"teamId\":\"" + this.team + "\",\"privilege\":\"" + this.read
					+ "\"}";
		}

		String details() {
			return "/api/v1/users/" + this.ann.id() + "/details?teamId=" + this.team;
		}

		/** Whether Ann's details, asked for now, show the privilege. */
		boolean detailsShow() {
			return json(this.api.get(details())).path("privileges").findValuesAsString("code").contains(this.read);
		}

		Actor ownerActor() {
			return new Actor(this.owner.id(), this.owner.email());
		}

	}

}
