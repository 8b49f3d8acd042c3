package com.aventian.portal.provisioning;

import java.util.UUID;

import com.aventian.portal.provisioning.ProvisioningFixture.Product;
import com.aventian.portal.provisioning.ProvisioningFixture.Team;
import com.aventian.portal.rbac.Authorization;
import com.aventian.portal.rbac.EffectivePrivileges;
import com.aventian.portal.rbac.TeamProduct;
import com.aventian.portal.team.MembershipService.Actor;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The team's products and their statuses are cached with its members' privileges (the products' API answers
 * a warm call from them alone), so every change of a subscription's status invalidates them in its own
 * transaction: the next read after the change sees the new status, though the old one was cached.
 */
@ProvisioningTest
class SubscriptionStatusInCachedPrivilegesTests {

	@Autowired
	ProvisioningFixture fixture;

	@Autowired
	Subscriptions subscriptions;

	@Autowired
	Provisioner provisioner;

	@Autowired
	Authorization authorization;

	@Autowired
	StringRedisTemplate redis;

	/** The owner's privileges in the team, read once so that they are cached. */
	private EffectivePrivileges cached(Team team) {
		EffectivePrivileges read = this.authorization.of(team.owner().id(), team.id());
		assertThat(this.redis.opsForHash().hasKey("user:roles:" + team.owner().id(), team.id().toString())).isTrue();
		return read;
	}

	private String statusNow(Team team, Product product) {
		return this.authorization.of(team.owner().id(), team.id()).product(product.id()).map(TeamProduct::status).orElse(null);
	}

	private static Actor actor(Team team) {
		return new Actor(team.owner().id(), team.owner().email());
	}

	@Test
	void aSubscriptionOpenedIsSeenAtOnceThoughTheMembersPrivilegesWereCachedWithoutIt() {
		Team team = this.fixture.team();
		Product product = this.fixture.product("create table notes (id int);");
		assertThat(cached(team).product(product.id())).isEmpty();

		this.subscriptions.subscribe(actor(team), team.id(), product.id());

		assertThat(statusNow(team, product)).isIn("PROVISIONING", "ACTIVE");
	}

	@Test
	void aProvisioningThatSucceedsIsSeenActiveAtOnce() {
		Team team = this.fixture.team();
		Product product = this.fixture.product("create table notes (id int);");
		UUID id = this.fixture.pendingSubscription(team, product);
		assertThat(cached(team).product(product.id()).map(TeamProduct::status)).hasValue("PROVISIONING");

		this.provisioner.run(id);

		assertThat(statusNow(team, product)).isEqualTo("ACTIVE");
	}

	@Test
	void aProvisioningThatFailsIsSeenFailedAtOnceAndItsRetryProvisioningAgain() {
		Team team = this.fixture.team();
		Product product = this.fixture.product("this is not sql;");
		UUID id = this.fixture.pendingSubscription(team, product);
		assertThat(cached(team).product(product.id()).map(TeamProduct::status)).hasValue("PROVISIONING");

		this.provisioner.run(id);

		assertThat(statusNow(team, product)).isEqualTo("FAILED");
		assertThat(cached(team).product(product.id()).map(TeamProduct::status)).hasValue("FAILED");
		// the retry's run (any test context's scheduler may take it) now succeeds
		this.fixture.writeScript(product.code(), "create table notes (id int);");

		this.subscriptions.retry(actor(team), team.id(), id);

		assertThat(statusNow(team, product)).isIn("PROVISIONING", "ACTIVE");
	}

	@Test
	void aCancelledSubscriptionIsGoneFromTheCachedPrivilegesAtOnce() {
		Team team = this.fixture.team();
		Product product = this.fixture.product("create table notes (id int);");
		UUID id = this.fixture.pendingSubscription(team, product);
		this.provisioner.run(id);
		assertThat(cached(team).product(product.id()).map(TeamProduct::status)).hasValue("ACTIVE");

		this.subscriptions.cancel(actor(team), team.id(), id);

		assertThat(statusNow(team, product)).isNull();
	}

}
