package com.aventian.portal.api;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

import com.aventian.portal.PortalTest;
import com.aventian.portal.RecordedStatements;
import com.aventian.portal.RedisCommands;
import com.aventian.portal.RecordedStatements.Statement;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.api.ApiFixture.Product;
import com.aventian.portal.rbac.Authorization;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a product's call costs in SQL (issue 12, item 10): with the member's privileges not cached (cold),
 * GetUserDetails and authorize run one statement, the grants, which tell the team, the subscription and the
 * member too; cached (warm, and a 304), none. A call about anyone else (a non-member, a team without the
 * product, an unknown user) runs the grants' statement whatever the cache holds, then reads the team and user
 * for the 404: the same two statements whoever the user is. The key is checked from its cache entry, not from
 * PostgreSQL. A new query on these calls fails here.
 */
@PortalTest
class ApiRequestCostTests {

	static final String GRANTS = "AuthorizationMapper.findEffectivePrivileges";

	@LocalServerPort
	int port;

	@Autowired
	ApiFixture fixture;

	@Autowired
	TestUsers users;

	@Autowired
	RecordedStatements statements;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	Authorization authorization;

	ApiHttp api;

	User ann;

	UUID team;

	String read;

	String check;

	@BeforeEach
	void givenAMemberOfATeamOfTheProductAndAKeyThatHasCalledBefore() {
		Product crm = this.fixture.product();
		this.read = this.fixture.privilege(crm, "contact.read");
		this.api = new ApiHttp(this.port, this.fixture.key(crm));
		User owner = this.users.create("Olga Owner");
		this.ann = this.users.create("Ann Costly");
		this.team = this.users.team("Cost " + UUID.randomUUID(), owner, this.ann, "Member");
		this.fixture.associate(this.team, crm);
		this.fixture.grant(this.team, this.ann.id(), this.fixture.role(this.team, "Editor", false, true, this.read), null);
		this.check = "{\"userId\":\"" + this.ann.id() + "\",\"teamId\":\"" + this.team + "\",\"privilege\":\"" + this.read + "\"}";
		// the key's first call notes its last use (one UPDATE per key and minute) and caches the key; the
		// first call showing privileges reads the platform's codes (kept a minute, VisiblePrivileges)
		assertThat(this.api.get("/api/v1/ping").statusCode()).isEqualTo(200);
		assertThat(details().statusCode()).isEqualTo(200);
	}

	List<String> statementsOf(Supplier<HttpResponse<String>> call) {
		return statementsOf(call, 200);
	}

	List<String> statementsOf(Supplier<HttpResponse<String>> call, int expectedStatus) {
		this.statements.start();
		int status = call.get().statusCode();
		List<Statement> ran = this.statements.stop();
		assertThat(status).isEqualTo(expectedStatus);
		assertThat(ran).noneMatch(Statement::isWrite);
		return ran.stream().map(Statement::name).toList();
	}

	void privilegesNotCached() {
		this.redis.delete("user:roles:" + this.ann.id());
	}

	HttpResponse<String> details() {
		return this.api.get("/api/v1/users/" + this.ann.id() + "/details?teamId=" + this.team);
	}

	HttpResponse<String> authorize() {
		return this.api.post("/api/v1/authorize", this.check);
	}

	@Test
	void aColdGetUserDetailsReadsTheGrantsAndNothingElse() {
		privilegesNotCached();

		assertThat(statementsOf(this::details)).containsExactly(GRANTS);
	}

	@Test
	void aColdAuthorizeReadsTheGrantsAndNothingElse() {
		privilegesNotCached();

		assertThat(statementsOf(this::authorize)).containsExactly(GRANTS);
	}

	@Test
	void warmCallsRunNoStatement() {
		assertThat(statementsOf(this::details)).isEmpty();
		assertThat(statementsOf(this::authorize)).isEmpty();
	}

	@Test
	void aRevalidationAnsweredNotModifiedRunsNoStatement() {
		String etag = details().headers().firstValue("ETag").orElseThrow();

		assertThat(statementsOf(() -> this.api.get("/api/v1/users/" + this.ann.id() + "/details?teamId=" + this.team,
				"If-None-Match", etag), 304)).isEmpty();
	}

	@Test
	void aTeamWithoutTheProductIsToldFromTheGrantsThenTheTeamAndUser() {
		UUID foreign = this.users.team("Cost foreign " + UUID.randomUUID(), this.ann, this.users.create("Fred Foreign"),
				"Member");

		assertThat(statementsOf(() -> this.api.get("/api/v1/users/" + this.ann.id() + "/details?teamId=" + foreign), 404))
			.containsExactly(GRANTS, "ApiMapper.findSubject");
	}

	/**
	 * A team without the product is 404 whoever the user is to it, and told in the same statements whether they are
	 * a member of it (their privileges there cached, as the portal's pages or an earlier call leave them) or not:
	 * else the time of the 404 (a call that warms the cache, then one more) tells the product who belongs to a team it
	 * does not have.
	 */
	@Test
	void aTeamWithoutTheProductIsToldInTheSameStatementsWhetherTheUserIsAMemberOfItOrNot() {
		UUID foreign = this.users.team("Cost foreign " + UUID.randomUUID(), this.users.create("Fred Foreign"), this.ann,
				"Member");
		User stranger = this.users.create("Sam Stranger");
		this.authorization.of(this.ann.id(), foreign);
		assertThat(this.redis.opsForHash().hasKey("user:roles:" + this.ann.id(), foreign.toString())).isTrue();

		List<String> member = statementsOf(() -> this.api.get("/api/v1/users/" + this.ann.id() + "/details?teamId=" + foreign), 404);
		List<String> notMember = statementsOf(() -> this.api.get("/api/v1/users/" + stranger.id() + "/details?teamId=" + foreign), 404);
		List<String> memberChecked = statementsOf(() -> this.api.post("/api/v1/authorize", "{\"userId\":\"" + this.ann.id()
				+ "\",\"teamId\":\"" + foreign + "\",\"privilege\":\"" + this.read + "\"}"), 404);
		List<String> notMemberChecked = statementsOf(() -> this.api.post("/api/v1/authorize", "{\"userId\":\"" + stranger.id()
				+ "\",\"teamId\":\"" + foreign + "\",\"privilege\":\"" + this.read + "\"}"), 404);

		assertThat(member).isEqualTo(notMember);
		assertThat(memberChecked).isEqualTo(notMemberChecked);
	}

	/**
	 * The same in Redis, with the member's privileges there not cached (cold): the 404 for a member of a team without
	 * the product sends Redis what the 404 for a stranger sends. Were the grants read for it stored, the product would
	 * both fill the role cache for a team it does not have and, from the extra write and the warmer next call, tell
	 * who belongs to that team.
	 */
	@Test
	void aColdTeamWithoutTheProductCostsTheSameRedisCommandsWhetherTheUserIsAMemberOfItOrNot() {
		UUID foreign = this.users.team("Cost foreign " + UUID.randomUUID(), this.users.create("Fred Foreign"), this.ann,
				"Member");
		User stranger = this.users.create("Sam Stranger");
		privilegesNotCached();

		Map<String, Long> member = RedisCommands.during(this.redis, () -> assertThat(
				this.api.get("/api/v1/users/" + this.ann.id() + "/details?teamId=" + foreign).statusCode()).isEqualTo(404));
		Map<String, Long> notMember = RedisCommands.during(this.redis, () -> assertThat(
				this.api.get("/api/v1/users/" + stranger.id() + "/details?teamId=" + foreign).statusCode()).isEqualTo(404));
		privilegesNotCached();
		Map<String, Long> memberChecked = RedisCommands.during(this.redis, () -> assertThat(this.api.post("/api/v1/authorize",
				"{\"userId\":\"" + this.ann.id() + "\",\"teamId\":\"" + foreign + "\",\"privilege\":\"" + this.read + "\"}")
			.statusCode()).isEqualTo(404));
		Map<String, Long> notMemberChecked = RedisCommands.during(this.redis, () -> assertThat(this.api.post("/api/v1/authorize",
				"{\"userId\":\"" + stranger.id() + "\",\"teamId\":\"" + foreign + "\",\"privilege\":\"" + this.read + "\"}")
			.statusCode()).isEqualTo(404));

		assertThat(member).isEqualTo(notMember);
		assertThat(memberChecked).isEqualTo(notMemberChecked);
		assertThat(this.redis.opsForHash().hasKey("user:roles:" + this.ann.id(), foreign.toString())).isFalse();
	}

	/**
	 * A cold call reads the member's cached privileges once, as a warm one does: the read that misses also brings
	 * the hash's version, and the grants loaded after it are stored under that version (issue 12: the cache was read
	 * twice on a cold call, a look before the statements and a read of the field and version again before loading).
	 */
	@Test
	void aColdCallReadsTheRoleCacheOnceLikeAWarmCallAndAddsOnlyItsStore() {
		Map<String, Long> warmDetails = RedisCommands.during(this.redis, () -> assertThat(details().statusCode()).isEqualTo(200));
		privilegesNotCached();
		Map<String, Long> coldDetails = RedisCommands.during(this.redis, () -> assertThat(details().statusCode()).isEqualTo(200));
		Map<String, Long> warmAuthorize = RedisCommands.during(this.redis, () -> assertThat(authorize().statusCode()).isEqualTo(200));
		privilegesNotCached();
		Map<String, Long> coldAuthorize = RedisCommands.during(this.redis, () -> assertThat(authorize().statusCode()).isEqualTo(200));

		// the store: a compare-and-set script reading the version, then (the hash new) setting it, its expiry and the field
		Map<String, Long> store = Map.of("eval", 1L, "hget", 1L, "hset", 2L, "expire", 1L);
		assertThat(beyond(coldDetails, warmDetails)).containsExactlyInAnyOrderEntriesOf(store);
		assertThat(beyond(coldAuthorize, warmAuthorize)).containsExactlyInAnyOrderEntriesOf(store);
	}

	/** The commands {@code more} ran beyond {@code less}, by name (only those it ran more often). */
	private static Map<String, Long> beyond(Map<String, Long> more, Map<String, Long> less) {
		Map<String, Long> extra = new TreeMap<>();
		more.forEach((command, count) -> {
			long added = count - less.getOrDefault(command, 0L);
			if (added != 0) {
				extra.put(command, added);
			}
		});
		less.keySet().stream().filter((command) -> !more.containsKey(command)).forEach((command) -> extra.put(command, -less.get(command)));
		return extra;
	}

	@Test
	void theTrivialCallRunsNoStatement() {
		assertThat(statementsOf(() -> this.api.get("/api/v1/ping"))).isEmpty();
	}

	/**
	 * The key's rate-limit bucket in Redis is a Bucket4j compare-and-set: read the bucket, write it back if nobody
	 * wrote in between, else read again. Products call with one key from many threads, so every call racing another
	 * went round again: 22 attempts per call at 50 connections in the benchmark (docs/PERFORMANCE.md, issue 12).
	 * Calls of one key in one instance now wait for the attempt in flight and go together in the next.
	 */
	@Test
	void callsOfOneKeyAtTheSameTimeTakeAtMostOneTripToTheBucketEach() {
		int threads = 8;
		int callsEach = 40;

		Map<String, Long> commands = RedisCommands.during(this.redis,
				() -> assertThat(Concurrently.call(threads, callsEach, () -> this.api.get("/api/v1/ping").statusCode()))
					.containsOnly(200));

		// an attempt that changes the bucket: a GET of it, then an EVAL writing it back if it is unchanged
		assertThat(commands.getOrDefault("eval", 0L)).isPositive().isLessThanOrEqualTo(threads * callsEach);
	}

}
