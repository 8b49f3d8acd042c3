package com.aventian.portal.provisioning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.aventian.portal.crypto.ConnectionCipher;
import com.aventian.portal.product.PlatformAdmin;
import com.aventian.portal.provisioning.ProvisioningFixture.Product;
import com.aventian.portal.provisioning.ProvisioningFixture.Team;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@ProvisioningTest
class ConnectionRotationTests {

	@Autowired
	ProvisioningFixture fixture;

	@Autowired
	Provisioner provisioner;

	@Autowired
	ConnectionRotation rotation;

	@Autowired
	ConnectionCipher cipher;

	@Autowired
	DbConnections connections;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	KeysetLockMapper keysetLock;

	@Autowired
	TransactionTemplate transactions;

	private final PlatformAdmin admin = new PlatformAdmin(null, "admin@example.com");

	@Test
	void aRotationWaitsWhileAnotherInstanceIsChangingTheKeyset() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(2);
		CountDownLatch held = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		try {
			// given another instance in the middle of a rotation: its transaction holds the keyset's lock
			Future<?> other = threads.submit(() -> this.transactions.executeWithoutResult((status) -> {
				this.keysetLock.lockKeyset();
				held.countDown();
				awaitQuietly(release);
			}));
			assertThat(held.await(60, TimeUnit.SECONDS)).isTrue();

			// when a platform admin rotates here at the same time
			Future<Long> rotated = threads.submit(() -> this.rotation.rotate(this.admin));

			// then this rotation waits for the lock (it would otherwise build on the keyset the other is replacing)
			await().atMost(Duration.ofSeconds(60)).until(() -> this.jdbc.queryForObject("select count(*) from pg_locks "
					+ "where locktype = 'advisory' and not granted and objsubid = 1 "
					+ "and ((classid::bigint << 32) | objid::bigint) = hashtextextended('aventian:crypto-keyset', 0)",
					Integer.class) == 1);
			assertThat(rotated).isNotDone();
			// and goes on once the other's transaction ends
			release.countDown();
			other.get(60, TimeUnit.SECONDS);
			assertThat(rotated.get(60, TimeUnit.SECONDS)).isEqualTo(this.cipher.primaryKeyId());
		}
		finally {
			release.countDown();
			threads.shutdown();
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(120, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void afterARotationTheJobReencryptsEveryValueWhichStillDecryptsAndCarriesTheNewKeyId() {
		Product crm = this.fixture.crm();
		List<Team> teams = new ArrayList<>();
		List<UUID> ids = new ArrayList<>();
		List<String> passwords = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			Team team = this.fixture.team();
			UUID id = this.fixture.pendingSubscription(team, crm);
			this.provisioner.run(id);
			teams.add(team);
			ids.add(id);
			passwords.add(this.connections.read(team.id(), crm.id(), "test").orElseThrow().password());
		}
		long before = this.cipher.primaryKeyId();

		long after = this.rotation.rotate(this.admin);

		assertThat(after).isNotEqualTo(before);
		await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch((id) -> this.fixture.storedKeyId(id) == after));
		for (int i = 0; i < ids.size(); i++) {
			assertThat(this.connections.read(teams.get(i).id(), crm.id(), "test").orElseThrow().password())
				.isEqualTo(passwords.get(i));
		}
		assertThat(this.jdbc.queryForObject("select count(*) from aventian_audit.tbl_audit_events where action = "
				+ "'ENCRYPTION_KEY_ROTATED' and target_id = ?", Integer.class, String.valueOf(after))).isOne();
		assertThat(this.rotation.keys()).anySatisfy((use) -> {
			assertThat(use.key().id()).isEqualTo(after);
			assertThat(use.key().primary()).isTrue();
		});
	}

	@Test
	void olderKeysCannotBeDisabledWhileAStoredValueStillNeedsOne() {
		Team team = this.fixture.team();
		Product crm = this.fixture.crm();
		UUID id = this.fixture.pendingSubscription(team, crm);
		this.provisioner.run(id);
		// a new primary key without the re-encryption job: the value above is still under the older key
		this.cipher.rotate();

		assertThatThrownBy(() -> this.rotation.disableOlderKeys(this.admin)).isInstanceOf(SubscriptionException.class)
			.hasMessageContaining("still encrypted with an older key");
		assertThat(this.connections.read(team.id(), crm.id(), "test")).isPresent();

		assertThat(this.rotation.reencryptAll()).isPositive();
		assertThat(this.fixture.storedKeyId(id)).isEqualTo(this.cipher.primaryKeyId());
	}

}
