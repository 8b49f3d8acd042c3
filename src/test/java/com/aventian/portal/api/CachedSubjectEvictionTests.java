package com.aventian.portal.api;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestMailbox;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.ProfileService;
import com.aventian.portal.account.User;
import com.aventian.portal.api.ApiFixture.Product;
import com.aventian.portal.product.PlatformAdmin;
import com.aventian.portal.product.ProductRegistry;
import com.aventian.portal.provisioning.Subscriptions;
import com.aventian.portal.rbac.Authorization;
import com.aventian.portal.team.MembershipService;
import com.aventian.portal.team.MembershipService.Actor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A warm GetUserDetails answers from the member's cached privileges alone: the member's name, e-mail address
 * and status, the team and the team's products are cached with the grants. So every change of one of them
 * invalidates the cache in its transaction, and the next call after the change answers it, though the answer
 * before it was cached.
 */
@PortalTest
class CachedSubjectEvictionTests {

	@LocalServerPort
	int port;

	@Autowired
	ApiFixture fixture;

	@Autowired
	TestUsers users;

	@Autowired
	ProfileService profiles;

	@Autowired
	ProductRegistry registry;

	@Autowired
	Authorization authorization;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	Subscriptions subscriptions;

	@Autowired
	MembershipService memberships;

	@Autowired
	TransactionTemplate transaction;

	Product crm;

	ApiHttp api;

	User ann;

	User olga;

	UUID team;

	@BeforeEach
	void givenAMemberOfATeamOfTheProduct() {
		this.crm = this.fixture.product();
		this.api = new ApiHttp(this.port, this.fixture.key(this.crm));
		this.ann = this.users.create("Ann Cached");
		this.olga = this.users.create("Olga Owner");
		this.team = this.users.team("Cached subject " + UUID.randomUUID(), this.olga, this.ann, "Member");
		this.fixture.associate(this.team, this.crm);
	}

	/** GetUserDetails of Ann, after which her answer is cached. */
	private JsonNode detailsCached() {
		HttpResponse<String> response = this.api.get("/api/v1/users/" + this.ann.id() + "/details?teamId=" + this.team);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(this.redis.opsForHash().hasKey("user:roles:" + this.ann.id(), this.team.toString())).isTrue();
		return ApiHttp.json(response);
	}

	@Test
	void aRenamedMemberIsAnsweredWithTheNewNameOnTheNextCall() {
		assertThat(detailsCached().path("user").path("name").asString()).isEqualTo("Ann Cached");

		this.profiles.rename(this.ann.id(), "Ann Renamed");

		assertThat(detailsCached().path("user").path("name").asString()).isEqualTo("Ann Renamed");
	}

	@Test
	void aChangedEmailAddressIsAnsweredOnTheNextCall() {
		assertThat(detailsCached().path("user").path("email").asString()).isEqualTo(this.ann.email());
		String changed = "ann." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		this.profiles.requestEmailChange(this.ann.id(), changed, TestUsers.PASSWORD, InetAddress.getLoopbackAddress());
		String link = TestMailbox.awaitLink(changed, "/account/email/confirm");

		this.profiles.confirmEmailChange(link.substring(link.indexOf("token=") + 6));

		assertThat(detailsCached().path("user").path("email").asString()).isEqualTo(changed);
	}

	@Test
	void aTeamGivenAProductByAPlatformAdminHasItInItsMembersCachedPrivilegesAtOnce() {
		Product docs = this.fixture.product();
		detailsCached();
		assertThat(this.authorization.of(this.ann.id(), this.team).product(docs.id())).isEmpty();

		this.registry.associateTeam(new PlatformAdmin(this.ann.id(), this.ann.email()), this.team, docs.id());

		assertThat(this.authorization.of(this.ann.id(), this.team).product(docs.id())).isPresent();
		assertThat(new ApiHttp(this.port, this.fixture.key(docs))
			.get("/api/v1/users/" + this.ann.id() + "/details?teamId=" + this.team)
			.statusCode()).isEqualTo(200);
	}

	/**
	 * A change of the whole team marks its members' cached privileges inside its transaction, as they are then:
	 * someone who joins before it commits was not among them, and whatever is read for them meanwhile (the
	 * team still having the product) must not be what the product is answered after the cancellation.
	 */
	@Test
	void aMemberWhoJoinedWhileTheSubscriptionWasBeingCancelledIsNotAnsweredFromTheCancelledSubscription() throws Exception {
		User bob = this.users.create("Bob Joiner");
		UUID subscription = this.subscriptions.entry(this.team, this.crm.id()).subscriptionId();
		CountDownLatch cancelledUncommitted = new CountDownLatch(1);
		CountDownLatch commit = new CountDownLatch(1);
		CompletableFuture<Void> cancelling = CompletableFuture.runAsync(() -> this.transaction.executeWithoutResult((status) -> {
			this.subscriptions.cancel(new Actor(this.olga.id(), this.olga.email()), this.team, subscription);
			cancelledUncommitted.countDown();
			await(commit);
		}));
		assertThat(cancelledUncommitted.await(30, TimeUnit.SECONDS)).isTrue();
		// Bob joins (and commits) while the cancellation is not committed yet; his answer is read and cached meanwhile
		this.memberships.addMemberWithRole(this.team, bob.id(), this.users.roleId(this.team, "Member"), this.olga.id());
		assertThat(this.api.get("/api/v1/users/" + bob.id() + "/details?teamId=" + this.team).statusCode()).isEqualTo(200);

		commit.countDown();
		cancelling.get(30, TimeUnit.SECONDS);

		HttpResponse<String> after = this.api.get("/api/v1/users/" + bob.id() + "/details?teamId=" + this.team);
		assertThat(after.statusCode()).as(after.body()).isEqualTo(404);
		assertThat(this.api.post("/api/v1/authorize", "{\"userId\":\"" + bob.id() + "\",\"teamId\":\"" + this.team
				+ "\",\"privilege\":\"team.read\"}").statusCode()).isEqualTo(404);
	}

	/**
	 * As above, with the call for the member who joined meanwhile made as the cancellation commits, before the
	 * evictions that follow the commit: the members a team-wide change marks pending are read again as it commits, so
	 * one who joined while it ran is not answered from the cache either between its commit and its evictions.
	 */
	@Test
	void aMemberWhoJoinedWhileTheSubscriptionWasBeingCancelledIsNotAnsweredFromItRightAfterTheCommit() throws Exception {
		User bob = this.users.create("Bob Joiner");
		UUID subscription = this.subscriptions.entry(this.team, this.crm.id()).subscriptionId();
		String details = "/api/v1/users/" + bob.id() + "/details?teamId=" + this.team;
		CountDownLatch cancelledUncommitted = new CountDownLatch(1);
		CountDownLatch commit = new CountDownLatch(1);
		AtomicInteger rightAfterCommit = new AtomicInteger();
		CompletableFuture<Void> cancelling = CompletableFuture.runAsync(() -> this.transaction.executeWithoutResult((status) -> {
			this.subscriptions.cancel(new Actor(this.olga.id(), this.olga.email()), this.team, subscription);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					rightAfterCommit.set(CachedSubjectEvictionTests.this.api.get(details).statusCode());
				}

			});
			cancelledUncommitted.countDown();
			await(commit);
		}));
		assertThat(cancelledUncommitted.await(30, TimeUnit.SECONDS)).isTrue();
		this.memberships.addMemberWithRole(this.team, bob.id(), this.users.roleId(this.team, "Member"), this.olga.id());
		assertThat(this.api.get(details).statusCode()).isEqualTo(200);
		assertThat(this.redis.opsForHash().hasKey("user:roles:" + bob.id(), this.team.toString())).isTrue();

		commit.countDown();
		cancelling.get(30, TimeUnit.SECONDS);

		assertThat(rightAfterCommit).hasValue(404);
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

}
