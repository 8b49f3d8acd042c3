package com.aventian.portal.provisioning;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.aventian.portal.crypto.CipherException;
import com.aventian.portal.crypto.ConnectionCipher;
import com.aventian.portal.provisioning.ProvisioningFixture.Product;
import com.aventian.portal.provisioning.ProvisioningFixture.Team;
import com.aventian.portal.team.MembershipService.Actor;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Provisioning against the real embedded PostgreSQL, which is also the tenant server. */
@ProvisioningTest
class ProvisioningTests {

	@Autowired
	ProvisioningFixture fixture;

	@Autowired
	Subscriptions subscriptions;

	@Autowired
	Provisioner provisioner;

	@Autowired
	Deprovisioner deprovisioner;

	@Autowired
	DbConnections connections;

	@Autowired
	ConnectionCipher cipher;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TenantServer tenant;

	private static Actor actor(Team team) {
		return new Actor(team.owner().id(), team.owner().email());
	}

	private DbConnection read(Team team, Product product) {
		return this.connections.read(team.id(), product.id(), "test").orElseThrow();
	}

	private UUID subscriptionOf(Team team, Product product) {
		return this.subscriptions.entry(team.id(), product.id()).subscriptionId();
	}

	@Nested
	class Subscribing {

		@Test
		void subscribingProvisionsADatabaseWhereTheScriptRanAndTheCredentialsWork() throws Exception {
			Team team = ProvisioningTests.this.fixture.team();
			Product crm = ProvisioningTests.this.fixture.crm();

			ProvisioningTests.this.subscriptions.subscribe(actor(team), team.id(), crm.id());
			UUID id = subscriptionOf(team, crm);

			assertThat(ProvisioningTests.this.fixture.awaitSettled(id)).isEqualTo("ACTIVE");
			TenantNames names = TenantNames.of(id);
			assertThat(ProvisioningTests.this.fixture.databasesNamed(names.database())).isOne();
			assertThat(ProvisioningTests.this.fixture.rolesNamed(names.role())).isOne();
			DbConnection credentials = read(team, crm);
			assertThat(credentials.database()).isEqualTo(names.database());
			try (Connection connection = ProvisioningFixture.connect(credentials);
					Statement statement = connection.createStatement()) {
				statement.execute("insert into crm.contacts (external_id, display_name) values ('C-1', 'Ada')");
				try (ResultSet rows = statement.executeQuery("select display_name from crm.contacts")) {
					assertThat(rows.next()).isTrue();
					assertThat(rows.getString(1)).isEqualTo("Ada");
				}
				statement.execute("create table crm.notes (id int)");
			}
		}

		@Test
		void subscribingCopiesTheProductsRoleTemplatesIntoTheTeamAndIsAudited() {
			Team team = ProvisioningTests.this.fixture.team();
			Product crm = ProvisioningTests.this.fixture.crm();
			UUID template = ProvisioningTests.this.jdbc.queryForObject("insert into aventian.tbl_role_templates (product_id, name) "
					+ "values (?, 'CRM agent') returning id", UUID.class, crm.id());

			ProvisioningTests.this.subscriptions.subscribe(actor(team), team.id(), crm.id());
			UUID id = subscriptionOf(team, crm);

			assertThat(ProvisioningTests.this.jdbc.queryForObject("select count(*) from aventian.tbl_roles where team_id = ? "
					+ "and template_id = ?", Integer.class, team.id(), template)).isOne();
			assertThat(ProvisioningTests.this.fixture.awaitSettled(id)).isEqualTo("ACTIVE");
			assertThat(ProvisioningTests.this.jdbc.queryForList("select action from aventian_audit.tbl_audit_events "
					+ "where target_id = ? and actor_user_id = ?", String.class, id.toString(), team.owner().id()))
				.containsExactly("SUBSCRIBED");
		}

		@Test
		void theStoredValueIsNotPlaintextAndCarriesThePrimaryKeyId() {
			Team team = ProvisioningTests.this.fixture.team();
			Product crm = ProvisioningTests.this.fixture.crm();
			UUID id = ProvisioningTests.this.fixture.pendingSubscription(team, crm);

			ProvisioningTests.this.provisioner.run(id);

			DbConnection credentials = read(team, crm);
			String stored = new String(ProvisioningTests.this.fixture.storedCiphertext(id), StandardCharsets.ISO_8859_1);
			assertThat(stored).doesNotContain(credentials.password()).doesNotContain(credentials.user())
				.doesNotContain("jdbc:").doesNotContain("host");
			assertThat(ProvisioningTests.this.fixture.storedKeyId(id)).isEqualTo(ProvisioningTests.this.cipher.primaryKeyId());
			assertThat(credentials.toString()).doesNotContain(credentials.password());
		}

		@Test
		void theCredentialsCannotConnectToAnotherTeamsDatabase() throws Exception {
			Product crm = ProvisioningTests.this.fixture.crm();
			Team one = ProvisioningTests.this.fixture.team();
			Team two = ProvisioningTests.this.fixture.team();
			UUID first = ProvisioningTests.this.fixture.pendingSubscription(one, crm);
			UUID second = ProvisioningTests.this.fixture.pendingSubscription(two, crm);
			ProvisioningTests.this.provisioner.run(first);
			ProvisioningTests.this.provisioner.run(second);

			DbConnection mine = read(one, crm);

			assertThatThrownBy(() -> ProvisioningFixture.connect(mine, TenantNames.of(second).database()).close())
				.isInstanceOf(SQLException.class)
				.hasMessageContaining("permission denied");
			// where the tenant server is also the portal's (local mode, tests), the portal's tables stay out of reach
			String portalDatabase = ProvisioningTests.this.jdbc.queryForObject("select current_database()", String.class);
			try (Connection portal = ProvisioningFixture.connect(mine, portalDatabase);
					Statement statement = portal.createStatement()) {
				assertThatThrownBy(() -> statement.executeQuery("select count(*) from aventian.tbl_users"))
					.isInstanceOf(SQLException.class)
					.hasMessageContaining("permission denied");
			}
		}

		@Test
		void aCiphertextMovedToAnotherRowFailsToDecrypt() {
			Product crm = ProvisioningTests.this.fixture.crm();
			Team one = ProvisioningTests.this.fixture.team();
			Team two = ProvisioningTests.this.fixture.team();
			UUID first = ProvisioningTests.this.fixture.pendingSubscription(one, crm);
			UUID second = ProvisioningTests.this.fixture.pendingSubscription(two, crm);
			ProvisioningTests.this.provisioner.run(first);
			ProvisioningTests.this.provisioner.run(second);

			ProvisioningTests.this.jdbc.update("update aventian.team_db_connections set encrypted_connection = "
					+ "(select encrypted_connection from aventian.team_db_connections where assoc_id = ?) where assoc_id = ?",
					first, second);

			assertThatThrownBy(() -> read(two, crm)).isInstanceOf(CipherException.class);
			// a value no key opens would hold up the rotation tests' re-encryption: it goes
			ProvisioningTests.this.jdbc.update("delete from aventian.team_db_connections where assoc_id = ?", second);
		}

		@Test
		void twoSubscribersOfOneTeamAtOnceMakeOneSubscription() throws Exception {
			Team team = ProvisioningTests.this.fixture.team();
			Product crm = ProvisioningTests.this.fixture.crm();
			CountDownLatch start = new CountDownLatch(1);
			ExecutorService pool = Executors.newFixedThreadPool(2);
			List<Future<String>> outcomes = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				outcomes.add(pool.submit(() -> {
					start.await();
					try {
						ProvisioningTests.this.subscriptions.subscribe(actor(team), team.id(), crm.id());
						return "subscribed";
					}
					catch (SubscriptionException ex) {
						return ex.getMessage();
					}
				}));
			}
			start.countDown();
			List<String> results = new ArrayList<>();
			for (Future<String> outcome : outcomes) {
				results.add(outcome.get(60, TimeUnit.SECONDS));
			}
			pool.shutdown();

			assertThat(results).containsExactlyInAnyOrder("subscribed", "The team already has Product " + crm.code() + ".");
			assertThat(ProvisioningTests.this.jdbc.queryForObject("select count(*) from aventian.tbl_team_product_assoc "
					+ "where team_id = ? and product_id = ?", Integer.class, team.id(), crm.id())).isOne();
			assertThat(ProvisioningTests.this.fixture.awaitSettled(subscriptionOf(team, crm))).isEqualTo("ACTIVE");
		}

	}

	@Nested
	class CrashesAndFailures {

		// a crash after each step and a failing script: IsolationTests.Scenarios, under both isolations

		@Test
		void onlyAFailedProvisioningCanBeRetried() {
			Team team = ProvisioningTests.this.fixture.team();
			Product crm = ProvisioningTests.this.fixture.crm();
			UUID id = ProvisioningTests.this.fixture.pendingSubscription(team, crm);
			ProvisioningTests.this.provisioner.run(id);

			assertThatThrownBy(() -> ProvisioningTests.this.subscriptions.retry(actor(team), team.id(), id))
				.isInstanceOf(SubscriptionException.class)
				.hasMessage("Only a failed provisioning can be tried again.");
		}

	}

	@Nested
	class Concurrency {

		@Test
		void twentySubscriptionsProvisionedInParallelAllSucceed() throws Exception {
			Product crm = ProvisioningTests.this.fixture.crm();
			List<UUID> ids = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				ids.add(ProvisioningTests.this.fixture.pendingSubscription(ProvisioningTests.this.fixture.team(), crm));
			}
			ProvisioningFixture.runAtOnce(ids, ProvisioningTests.this.provisioner::run);

			for (UUID id : ids) {
				assertThat(ProvisioningTests.this.fixture.status(id)).as("subscription %s", id).isEqualTo("ACTIVE");
				assertThat(ProvisioningTests.this.fixture.databasesNamed(TenantNames.of(id).database())).isOne();
			}
		}

		@Test
		void aWorkerFindingTheSubscriptionBusyFailsItsRunSoTheJobIsTriedAgainInsteadOfEndingWithNothingDone() throws Exception {
			Team team = ProvisioningTests.this.fixture.team();
			UUID id = ProvisioningTests.this.fixture.pendingSubscription(team, ProvisioningTests.this.fixture.crm());
			// given another worker (or the drop of a former database) holding the subscription's lock
			try (Connection other = ProvisioningTests.this.tenant.admin();
					TenantServer.SubscriptionLock held = ProvisioningTests.this.tenant.lock(other, id)) {

				assertThatThrownBy(() -> ProvisioningTests.this.provisioner.run(id)).isInstanceOf(SubscriptionBusyException.class);
				assertThat(ProvisioningTests.this.fixture.status(id)).isEqualTo("PROVISIONING");
			}

			// then the job's next try, once the lock is free, finishes it
			ProvisioningTests.this.provisioner.run(id);
			assertThat(ProvisioningTests.this.fixture.status(id)).isEqualTo("ACTIVE");
		}

		@Test
		void twoWorkersOnOneSubscriptionAtOnceProvisionItOnce() throws Exception {
			Team team = ProvisioningTests.this.fixture.team();
			Product crm = ProvisioningTests.this.fixture.crm();
			UUID id = ProvisioningTests.this.fixture.pendingSubscription(team, crm);
			ExecutorService pool = Executors.newFixedThreadPool(2);
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> runs = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				runs.add(pool.submit(() -> {
					start.await();
					ProvisioningTests.this.provisioner.run(id);
					return null;
				}));
			}
			start.countDown();
			for (Future<?> run : runs) {
				try {
					run.get(60, TimeUnit.SECONDS);
				}
				catch (ExecutionException ex) {
					// the worker that found the other one at work; its job is tried again later and finds it done
					assertThat(ex.getCause()).isInstanceOf(SubscriptionBusyException.class);
				}
			}
			pool.shutdown();

			assertThat(ProvisioningTests.this.fixture.status(id)).isEqualTo("ACTIVE");
			assertThat(ProvisioningTests.this.jdbc.queryForObject(
					"select attempts from aventian.tbl_team_product_assoc where id = ?", Integer.class, id)).isOne();
			assertThat(ProvisioningTests.this.fixture.databasesNamed(TenantNames.of(id).database())).isOne();
		}

	}

	@Nested
	class Cancelling {

		@Test
		void aCancelledSubscriptionKeepsItsDatabaseUntilTheRetentionEndsThenTheDropRemovesEverythingOnce() throws Exception {
			Team team = ProvisioningTests.this.fixture.team();
			Product crm = ProvisioningTests.this.fixture.crm();
			UUID id = ProvisioningTests.this.fixture.pendingSubscription(team, crm);
			ProvisioningTests.this.provisioner.run(id);
			DbConnection credentials = read(team, crm);
			TenantNames names = TenantNames.of(id);

			ProvisioningTests.this.subscriptions.cancel(actor(team), team.id(), id);
			awaitLoginClosed(credentials);

			assertThat(ProvisioningTests.this.fixture.status(id)).isEqualTo("CANCELLED");
			assertThat(ProvisioningTests.this.connections.read(team.id(), crm.id(), "test")).isEmpty();
			assertThat(ProvisioningTests.this.deprovisioner.dropIfDue(id)).isFalse();
			assertThat(ProvisioningTests.this.fixture.databasesNamed(names.database())).isOne();

			ProvisioningTests.this.fixture.dueForDrop(id);
			assertThat(ProvisioningTests.this.deprovisioner.dropIfDue(id)).isTrue();
			assertThatThrownBy(() -> ProvisioningFixture.connect(credentials).close()).isInstanceOf(SQLException.class);

			assertThat(ProvisioningTests.this.fixture.databasesNamed(names.database())).isZero();
			assertThat(ProvisioningTests.this.fixture.rolesNamed(names.role())).isZero();
			assertThat(ProvisioningTests.this.fixture.connectionsOf(id)).isZero();
			assertThat(ProvisioningTests.this.deprovisioner.dropIfDue(id)).isFalse();
			assertThat(ProvisioningTests.this.jdbc.queryForList("select action from aventian_audit.tbl_audit_events "
					+ "where target_id = ? order by occurred_at", String.class, id.toString()))
				.contains("PROVISIONING_STARTED", "PROVISIONING_SUCCEEDED", "SUBSCRIPTION_CANCELLED",
						"SUBSCRIPTION_DATABASE_DROPPED");
		}

		@Test
		void aCloseLoginJobFindingTheSubscriptionBusyRunsAgainWithinSecondsOnceTheLockIsFree() throws Exception {
			Team team = ProvisioningTests.this.fixture.team();
			Product crm = ProvisioningTests.this.fixture.crm();
			UUID id = ProvisioningTests.this.fixture.pendingSubscription(team, crm);
			ProvisioningTests.this.provisioner.run(id);
			DbConnection credentials = read(team, crm);
			// given another worker holding the subscription's lock while the cancellation's job runs
			try (Connection other = ProvisioningTests.this.tenant.admin();
					TenantServer.SubscriptionLock held = ProvisioningTests.this.tenant.lock(other, id)) {
				ProvisioningTests.this.subscriptions.cancel(actor(team), team.id(), id);

				await().atMost(Duration.ofSeconds(60)).until(() -> ProvisioningTests.this.jdbc.queryForObject(
						"select count(*) from aventian.scheduled_tasks where task_name = ? and task_instance like ?"
								+ " and last_success is not null and consecutive_failures = 0",
						Integer.class, CloseLoginJob.NAME, id + "/%") > 0);
			}

			// (the run found it busy and completed without failing: waiting is not a failure the alerts should see)
			// then the job runs again within seconds of the lock's release (a worker holds it for seconds), not a
			// minute later, the retry kept for a tenant server that refuses or cannot be reached
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				try (Connection connection = ProvisioningFixture.connect(credentials)) {
					return false;
				}
				catch (SQLException ex) {
					return true;
				}
			});
		}

		@Test
		void cancellingClosesTheLoginAtOnceSoCredentialsTheProductKeptNoLongerConnectAndSubscribingAgainOpensIt()
				throws Exception {
			Team team = ProvisioningTests.this.fixture.team();
			Product crm = ProvisioningTests.this.fixture.crm();
			ProvisioningTests.this.subscriptions.subscribe(actor(team), team.id(), crm.id());
			UUID id = subscriptionOf(team, crm);
			ProvisioningTests.this.fixture.awaitSettled(id);
			DbConnection kept = read(team, crm);
			Connection open = ProvisioningFixture.connect(kept);

			ProvisioningTests.this.subscriptions.cancel(actor(team), team.id(), id);

			// the database waits for the retention period, its login does not: the session ends, no new one starts
			assertThat(ProvisioningTests.this.fixture.databasesNamed(TenantNames.of(id).database())).isOne();
			awaitLoginClosed(kept);
			assertThat(open.isValid(5)).isFalse();
			open.close();

			ProvisioningTests.this.subscriptions.subscribe(actor(team), team.id(), crm.id());
			assertThat(ProvisioningTests.this.fixture.awaitSettled(id)).isEqualTo("ACTIVE");
			try (Connection again = ProvisioningFixture.connect(read(team, crm))) {
				assertThat(again.isValid(5)).isTrue();
			}
		}

		@Test
		void aTeamsLoginHoldingItsSubscriptionsLockCannotKeepItselfOpenNorKeepItsDatabaseFromTheDrop() throws Exception {
			Team team = ProvisioningTests.this.fixture.team();
			Product crm = ProvisioningTests.this.fixture.crm();
			ProvisioningTests.this.subscriptions.subscribe(actor(team), team.id(), crm.id());
			UUID id = subscriptionOf(team, crm);
			ProvisioningTests.this.fixture.awaitSettled(id);
			DbConnection credentials = read(team, crm);
			// the team's login opens the administrator's database (open to every login as PostgreSQL is installed)
			// and takes the lock the portal's workers take for its subscription
			String adminDatabase;
			try (Connection admin = ProvisioningTests.this.tenant.admin()) {
				adminDatabase = admin.getCatalog();
			}
			Connection squatter = DriverManager.getConnection(
					credentials.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + adminDatabase + "$1"), credentials.user(),
					credentials.password());
			try (Statement lock = squatter.createStatement()) {
				lock.execute("select pg_advisory_lock(" + TenantServer.LOCK_SPACE + ", " + id.hashCode() + ")");
			}

			ProvisioningTests.this.subscriptions.cancel(actor(team), team.id(), id);

			// then the login is closed all the same, its squatting session ended, and the drop goes through
			awaitLoginClosed(credentials);
			assertThat(squatter.isValid(5)).isFalse();
			squatter.close();
			ProvisioningTests.this.fixture.dueForDrop(id);
			assertThat(ProvisioningTests.this.deprovisioner.dropIfDue(id)).isTrue();
		}

		@Test
		void subscribingAgainWhileTheFormerRunIsStillRegisteredAsAJobProvisionsItAnyway() {
			Team team = ProvisioningTests.this.fixture.team();
			Product crm = ProvisioningTests.this.fixture.crm();
			ProvisioningTests.this.subscriptions.subscribe(actor(team), team.id(), crm.id());
			UUID id = subscriptionOf(team, crm);
			ProvisioningTests.this.fixture.awaitSettled(id);
			ProvisioningTests.this.subscriptions.cancel(actor(team), team.id(), id);
			// the former run's execution, still registered (its worker has set the row active, not yet ended)
			ProvisioningTests.this.jdbc.update("insert into aventian.scheduled_tasks (task_name, task_instance, execution_time,"
					+ " picked, picked_by, consecutive_failures, last_heartbeat, version) values (?, ?, now(), true,"
					+ " 'a worker still ending its run', 0, now(), 1) on conflict do nothing", ProvisioningJob.NAME, id.toString());

			ProvisioningTests.this.subscriptions.subscribe(actor(team), team.id(), crm.id());

			assertThat(ProvisioningTests.this.fixture.awaitSettled(id)).isEqualTo("ACTIVE");
		}

		@Test
		void subscribingAgainBeforeTheDropKeepsTheDatabaseAndTheLastConfirmationSkipsTheDrop() throws Exception {
			Team team = ProvisioningTests.this.fixture.team();
			Product crm = ProvisioningTests.this.fixture.crm();
			ProvisioningTests.this.subscriptions.subscribe(actor(team), team.id(), crm.id());
			UUID id = subscriptionOf(team, crm);
			ProvisioningTests.this.fixture.awaitSettled(id);
			ProvisioningTests.this.subscriptions.cancel(actor(team), team.id(), id);

			ProvisioningTests.this.subscriptions.subscribe(actor(team), team.id(), crm.id());
			assertThat(ProvisioningTests.this.fixture.awaitSettled(id)).isEqualTo("ACTIVE");
			ProvisioningTests.this.fixture.dueForDrop(id);

			assertThat(ProvisioningTests.this.deprovisioner.dropIfDue(id)).isFalse();
			assertThat(ProvisioningTests.this.fixture.databasesNamed(TenantNames.of(id).database())).isOne();
			assertThat(ProvisioningTests.this.connections.read(team.id(), crm.id(), "test")).isPresent();
		}

	}

	/** The job closing a cancelled subscription's login has run: its credentials no longer connect. */
	static void awaitLoginClosed(DbConnection credentials) {
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			try (Connection connection = ProvisioningFixture.connect(credentials)) {
				return false;
			}
			catch (SQLException ex) {
				return true;
			}
		});
	}

	/** Stands for the process dying after a step: not an exception the run could report as a failure. */
	static final class SimulatedCrash extends Error {

		SimulatedCrash() {
			super("simulated crash", null, false, false);
		}

	}

}
