package com.aventian.portal.provisioning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.aventian.portal.crypto.ConnectionCipher;
import com.aventian.portal.product.PlatformAdmin;
import com.aventian.portal.provisioning.ProvisioningFixture.Product;
import com.aventian.portal.provisioning.ProvisioningFixture.Team;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

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

	private final PlatformAdmin admin = new PlatformAdmin(null, "admin@example.com");

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
