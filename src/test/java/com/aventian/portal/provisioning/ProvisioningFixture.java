package com.aventian.portal.provisioning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

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

	ProvisioningFixture(JdbcTemplate jdbc, TestUsers users, @Value("${aventian.products.scripts-root:db/products}") Path root) {
		this.jdbc = jdbc;
		this.users = users;
		this.scriptsRoot = root.toAbsolutePath().normalize();
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

	public void dueForDrop(UUID subscriptionId) {
		this.jdbc.update("update aventian.tbl_team_product_assoc set drop_after = ? where id = ?",
				java.sql.Timestamp.from(Instant.now().minusSeconds(1)), subscriptionId);
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
