package com.aventian.portal.api;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.api.ApiFixture.Product;
import com.aventian.portal.apikey.ApiKeys;
import com.aventian.portal.team.MembershipService;
import com.aventian.portal.team.MembershipService.Actor;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
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

	record Call(long startedAt, boolean allowed) {
	}

	@Test
	void aRevocationRacingAStreamOfAuthorizeCallsIsSeenByEveryCallThatStartsAfterIt() throws Exception {
		Product crm = this.fixture.product();
		String read = this.fixture.privilege(crm, "contact.read");
		ApiHttp api = new ApiHttp(this.port, this.fixture.key(crm));
		User owner = this.users.create("Olga Owner");
		User ann = this.users.create("Ann Racing");
		UUID team = this.users.team("Race " + UUID.randomUUID(), owner, ann, "Viewer");
		this.fixture.associate(team, crm);
		UUID editor = this.fixture.role(team, "Editor", false, true, read);
		this.fixture.grant(team, ann.id(), editor, null);
		this.fixture.grant(team, owner.id(), editor, null);
		String check = "{\"userId\":\"" + ann.id() + "\",\"teamId\":\"" + team + "\",\"privilege\":\"" + read + "\"}";

		ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
		AtomicBoolean stop = new AtomicBoolean();
		CountDownLatch warm = new CountDownLatch(40);
		ExecutorService callers = Executors.newFixedThreadPool(4);
		for (int i = 0; i < 4; i++) {
			callers.submit(() -> {
				while (!stop.get()) {
					long started = System.nanoTime();
					boolean allowed = json(api.post("/api/v1/authorize", check)).path("allowed").asBoolean();
					calls.add(new Call(started, allowed));
					warm.countDown();
				}
				return null;
			});
		}
		assertThat(warm.await(60, TimeUnit.SECONDS)).isTrue();

		this.memberships.changeRole(new Actor(owner.id(), owner.email()), team, ann.id(), this.users.roleId(team, "Viewer"),
				this.memberships.member(team, ann.id()).version());
		long revoked = System.nanoTime();
		AtomicLong after = new AtomicLong();
		while (after.get() < 40) {
			after.set(calls.stream().filter((call) -> call.startedAt() > revoked).count());
			Thread.sleep(10);
		}
		stop.set(true);
		callers.shutdown();
		assertThat(callers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

		List<Call> startedAfter = calls.stream().filter((call) -> call.startedAt() > revoked).toList();
		assertThat(startedAfter).hasSizeGreaterThanOrEqualTo(40).noneMatch(Call::allowed);
		assertThat(calls).filteredOn(Call::allowed).hasSizeGreaterThanOrEqualTo(1);
	}

	/**
	 * The same race through GetUserDetails, whose calls after the revocation are cold: each looks the member up once,
	 * loads her grants on the miss and stores them under the version that look saw (so a load from before the
	 * revocation, stored after it, would be seen here by the calls that follow).
	 */
	@Test
	void aRevocationRacingAStreamOfColdGetUserDetailsCallsIsSeenByEveryCallThatStartsAfterIt() throws Exception {
		Product crm = this.fixture.product();
		String read = this.fixture.privilege(crm, "contact.read");
		ApiHttp api = new ApiHttp(this.port, this.fixture.key(crm));
		User owner = this.users.create("Olga Owner");
		User ann = this.users.create("Ann Racing");
		UUID team = this.users.team("Race " + UUID.randomUUID(), owner, ann, "Viewer");
		this.fixture.associate(team, crm);
		UUID editor = this.fixture.role(team, "Editor", false, true, read);
		this.fixture.grant(team, ann.id(), editor, null);
		this.fixture.grant(team, owner.id(), editor, null);
		String details = "/api/v1/users/" + ann.id() + "/details?teamId=" + team;

		ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
		AtomicBoolean stop = new AtomicBoolean();
		CountDownLatch warm = new CountDownLatch(40);
		ExecutorService callers = Executors.newFixedThreadPool(4);
		for (int i = 0; i < 4; i++) {
			callers.submit(() -> {
				while (!stop.get()) {
					long started = System.nanoTime();
					boolean allowed = json(api.get(details)).path("privileges").findValuesAsString("code").contains(read);
					calls.add(new Call(started, allowed));
					warm.countDown();
				}
				return null;
			});
		}
		assertThat(warm.await(60, TimeUnit.SECONDS)).isTrue();

		this.memberships.changeRole(new Actor(owner.id(), owner.email()), team, ann.id(), this.users.roleId(team, "Viewer"),
				this.memberships.member(team, ann.id()).version());
		long revoked = System.nanoTime();
		while (calls.stream().filter((call) -> call.startedAt() > revoked).count() < 40) {
			Thread.sleep(10);
		}
		stop.set(true);
		callers.shutdown();
		assertThat(callers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

		List<Call> startedAfter = calls.stream().filter((call) -> call.startedAt() > revoked).toList();
		assertThat(startedAfter).hasSizeGreaterThanOrEqualTo(40).noneMatch(Call::allowed);
		assertThat(calls).filteredOn(Call::allowed).hasSizeGreaterThanOrEqualTo(1);
	}

	@Test
	void aKeyRevokedWhileAStreamOfCallsUsesItIsRefusedToEveryCallThatStartsAfterTheRevocation() throws Exception {
		Product crm = this.fixture.product();
		String key = this.fixture.key(crm);
		ApiHttp api = new ApiHttp(this.port, key);
		UUID keyId = this.jdbc.queryForObject("select id from aventian.tbl_api_keys where prefix = ?", UUID.class,
				key.substring(0, 12));

		ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
		AtomicBoolean stop = new AtomicBoolean();
		CountDownLatch warm = new CountDownLatch(40);
		ExecutorService callers = Executors.newFixedThreadPool(4);
		for (int i = 0; i < 4; i++) {
			callers.submit(() -> {
				while (!stop.get()) {
					long started = System.nanoTime();
					boolean allowed = api.get("/api/v1/ping").statusCode() == 200;
					calls.add(new Call(started, allowed));
					warm.countDown();
				}
				return null;
			});
		}
		assertThat(warm.await(60, TimeUnit.SECONDS)).isTrue();

		this.keys.revoke(crm.id(), keyId, null, null);
		long revoked = System.nanoTime();
		while (calls.stream().filter((call) -> call.startedAt() > revoked).count() < 40) {
			Thread.sleep(10);
		}
		stop.set(true);
		callers.shutdown();
		assertThat(callers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

		List<Call> startedAfter = calls.stream().filter((call) -> call.startedAt() > revoked).toList();
		assertThat(startedAfter).hasSizeGreaterThanOrEqualTo(40).noneMatch(Call::allowed);
		assertThat(calls).filteredOn(Call::allowed).hasSizeGreaterThanOrEqualTo(1);
	}

}
