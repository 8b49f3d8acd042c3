package com.aventian.portal.provisioning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.aventian.portal.TestServices;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import static org.awaitility.Awaitility.await;

/**
 * Teams, products with provisioning scripts, and subscription rows for provisioning tests, against the
 * real embedded PostgreSQL that is also the tenant server. Scripts are written under the configured
 * scripts root (in {@code _test/}, git-ignored), so a test can break and fix one.
 */
@Component
public class ProvisioningFixture {

	/** Where tests write their products' scripts inside the scripts root (git-ignored). */
	static final String TEST_SCRIPTS = "_test";

	private final JdbcTemplate jdbc;

	private final TestUsers users;

	private final Path scriptsRoot;

	private final SubscriptionMapper subscriptions;

	private final ProvisioningProperties properties;

	ProvisioningFixture(JdbcTemplate jdbc, TestUsers users, @Value("${aventian.products.scripts-root:db/products}") Path root,
			SubscriptionMapper subscriptions, ProvisioningProperties properties) {
		this.jdbc = jdbc;
		this.users = users;
		this.scriptsRoot = root.toAbsolutePath().normalize();
		this.subscriptions = subscriptions;
		this.properties = properties;
	}

	public record Team(UUID id, User owner) {

	}

	public record Product(UUID id, String code) {

	}

	public Team team() {
		User owner = this.users.create("Owner");
		return new Team(this.users.team("Team " + UUID.randomUUID().toString().substring(0, 6), owner), owner);
	}

	/** A product whose script is {@code sql}, written at {@code _test/<code>/provision.sql} under the scripts root. */
	public Product product(String sql) {
		String code = "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		writeScript(code, sql);
		UUID id = this.jdbc.queryForObject("insert into aventian.tbl_master_products (code, name, provisioning_script_path, "
				+ "dashboard_url, allowed_resource_types) values (?, ?, ?, ?, array['contact']) returning id", UUID.class, code,
				"Product " + code, TEST_SCRIPTS + "/" + code + "/provision.sql", "https://" + code + ".example.com/dashboard");
		return new Product(id, code);
	}

	/** A product provisioning the demo CRM's tables. */
	Product crm() {
		try {
			return product(Files.readString(Path.of("db/products/crm/provision.sql")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public void writeScript(String code, String sql) {
		try {
			Path folder = this.scriptsRoot.resolve(TEST_SCRIPTS).resolve(code);
			Files.createDirectories(folder);
			Files.writeString(folder.resolve("provision.sql"), sql);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A subscription row waiting to be provisioned, with no job scheduled: the test runs the provisioner itself. */
	UUID pendingSubscription(Team team, Product product) {
		return this.jdbc.queryForObject("insert into aventian.tbl_team_product_assoc (team_id, product_id, status) "
				+ "values (?, ?, 'PROVISIONING') returning id", UUID.class, team.id(), product.id());
	}

	/**
	 * A subscription row waiting to be provisioned under {@code isolation}. The test context's setting is
	 * {@link Isolation#DATABASE}, which a first run records; a row under {@link Isolation#SCHEMA} is one whose first run
	 * recorded the schema of the configured shared database (what a portal set to SCHEMA writes), and every later run
	 * keeps it, whichever context's worker takes the job.
	 */
	UUID pendingSubscription(Team team, Product product, Isolation isolation) {
		if (isolation == Isolation.DATABASE) {
			return pendingSubscription(team, product);
		}
		UUID id = UUID.randomUUID();
		TenantNames names = TenantNames.of(id, isolation, this.properties.sharedDatabase());
		this.jdbc.update("insert into aventian.tbl_team_product_assoc (id, team_id, product_id, status, isolation, "
				+ "tenant_database) values (?, ?, ?, 'PROVISIONING', ?, ?)", id, team.id(), product.id(), isolation.name(),
				names.database());
		return id;
	}

	/** Where the subscription's objects are, as its row records. */
	TenantNames names(UUID subscriptionId) {
		return this.subscriptions.findSubscription(subscriptionId).orElseThrow().names();
	}

	/** How many of the subscription's database (or schema in the shared database) the tenant server holds. */
	int placesNamed(TenantNames names) throws SQLException {
		if (names.isolation() == Isolation.DATABASE) {
			return databasesNamed(names.database());
		}
		if (databasesNamed(names.database()) == 0) {
			return 0;
		}
		try (Connection shared = admin(names.database());
				PreparedStatement query = shared.prepareStatement("select count(*) from pg_namespace where nspname = ?")) {
			query.setString(1, names.schema());
			try (ResultSet count = query.executeQuery()) {
				count.next();
				return count.getInt(1);
			}
		}
	}

	/** The tables in the subscription's database ({@code public}) or schema, sorted; none when it does not exist. */
	List<String> tablesIn(TenantNames names) throws SQLException {
		List<String> tables = new ArrayList<>();
		if (placesNamed(names) == 0) {
			return tables;
		}
		try (Connection place = admin(names.database());
				PreparedStatement query = place
					.prepareStatement("select tablename from pg_tables where schemaname = ? order by tablename")) {
			query.setString(1, (names.schema() != null) ? names.schema() : "public");
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					tables.add(rows.getString(1));
				}
			}
		}
		return tables;
	}

	public String status(UUID subscriptionId) {
		return this.jdbc.queryForObject("select status from aventian.tbl_team_product_assoc where id = ?", String.class,
				subscriptionId);
	}

	public String awaitSettled(UUID subscriptionId) {
		await().atMost(Duration.ofSeconds(60)).until(() -> !"PROVISIONING".equals(status(subscriptionId)));
		return status(subscriptionId);
	}

	int databasesNamed(String name) {
		return this.jdbc.queryForObject("select count(*) from pg_database where datname = ?", Integer.class, name);
	}

	int rolesNamed(String name) {
		return this.jdbc.queryForObject("select count(*) from pg_roles where rolname = ?", Integer.class, name);
	}

	int connectionsOf(UUID subscriptionId) {
		return this.jdbc.queryForObject("select count(*) from aventian.team_db_connections where assoc_id = ?", Integer.class,
				subscriptionId);
	}

	byte[] storedCiphertext(UUID subscriptionId) {
		return this.jdbc.queryForObject("select encrypted_connection from aventian.team_db_connections where assoc_id = ?",
				byte[].class, subscriptionId);
	}

	long storedKeyId(UUID subscriptionId) {
		return this.jdbc.queryForObject("select key_id from aventian.team_db_connections where assoc_id = ?", Long.class,
				subscriptionId);
	}

	/**
	 * Cancelled and due for its drop, its login still open: as after a cancellation whose closing of the login
	 * could not reach the tenant server, so the drop is what ends the login's sessions.
	 */
	void cancelledWithItsLoginStillOpen(UUID subscriptionId) {
		this.jdbc.update("update aventian.tbl_team_product_assoc set status = 'CANCELLED', cancelled_at = now(),"
				+ " drop_after = ? where id = ?", java.sql.Timestamp.from(Instant.now().minusSeconds(1)), subscriptionId);
	}

	/**
	 * The retention is over: the drop is due. The job closing the login at the cancellation has run by then, as it
	 * has long before a real retention ends (it holds the subscription's lock while it runs).
	 */
	public void dueForDrop(UUID subscriptionId) {
		await().atMost(Duration.ofSeconds(60)).until(() -> this.jdbc.queryForObject("select count(*) from "
				+ "aventian.scheduled_tasks where task_name = ? and task_instance like ?", Integer.class, CloseLoginJob.NAME,
				subscriptionId + "/%") == 0);
		this.jdbc.update("update aventian.tbl_team_product_assoc set drop_after = ? where id = ?",
				java.sql.Timestamp.from(Instant.now().minusSeconds(1)), subscriptionId);
	}

	/** Runs the work for every subscription at the same moment, each on a thread of its own, and waits for all. */
	static void runAtOnce(List<UUID> ids, java.util.function.Consumer<UUID> work) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(ids.size());
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> runs = new ArrayList<>();
			for (UUID id : ids) {
				runs.add(pool.submit(() -> {
					start.await();
					work.accept(id);
					return null;
				}));
			}
			start.countDown();
			for (Future<?> run : runs) {
				run.get(120, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdown();
		}
	}

	/** A connection to one of the tenant server's databases as its administrator. */
	static Connection admin(String database) throws SQLException {
		return DriverManager.getConnection(TestServices.shared().jdbcUrl().replaceFirst("/[^/]+$", "/" + database), "postgres",
				"postgres");
	}

	static Connection connect(DbConnection connection) throws SQLException {
		return DriverManager.getConnection(connection.jdbcUrl(), connection.user(), connection.password());
	}

	static Connection connect(DbConnection credentials, String otherDatabase) throws SQLException {
		return DriverManager.getConnection(credentials.jdbcUrl().replaceFirst("/[^/]+$", "/" + otherDatabase),
				credentials.user(), credentials.password());
	}

}
