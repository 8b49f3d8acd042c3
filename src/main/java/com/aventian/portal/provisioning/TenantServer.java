package com.aventian.portal.provisioning;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.postgresql.PGConnection;

import org.springframework.stereotype.Component;

/**
 * The tenant PostgreSQL server, spoken to as its administrator over plain autocommit connections
 * ({@code CREATE DATABASE} cannot run inside a transaction). Every operation looks in the catalog first or
 * tolerates what an earlier run made, so running it again converges. Names come from {@link TenantNames}
 * only; passwords are set with {@link PGConnection#alterUserPassword}, which sends a SCRAM verifier computed
 * here, so no clear password reaches the server's statement log.
 */
@Component
class TenantServer {

	/** First half of the advisory lock key: this lock space is provisioning's own. */
	private static final int LOCK_SPACE = 0x41564e31;

	private static final String DUPLICATE_OBJECT = "42710";

	private static final String DUPLICATE_DATABASE = "42P04";

	private final ProvisioningProperties.Tenant tenant;

	private final URI server;

	private final int connectionLimit;

	TenantServer(ProvisioningProperties properties) {
		this.tenant = properties.tenant();
		if (this.tenant == null || this.tenant.url() == null || !this.tenant.url().startsWith("jdbc:postgresql://")) {
			throw new IllegalStateException("aventian.provisioning.tenant.url must be the JDBC URL (jdbc:postgresql://host:port/db)"
					+ " of the tenant server where teams' product databases are made");
		}
		this.server = URI.create(this.tenant.url().substring("jdbc:".length()));
		this.connectionLimit = properties.connectionLimit();
	}

	Connection admin() throws SQLException {
		return DriverManager.getConnection(this.tenant.url(), this.tenant.username(), this.tenant.password());
	}

	/**
	 * A session-level advisory lock on the tenant server, held by the admin connection until it closes (or
	 * its process dies): two workers, on any instances, never work on one subscription at once.
	 */
	boolean tryLock(Connection admin, UUID subscriptionId) throws SQLException {
		try (PreparedStatement lock = admin.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
			lock.setInt(1, LOCK_SPACE);
			lock.setInt(2, subscriptionId.hashCode());
			try (ResultSet result = lock.executeQuery()) {
				result.next();
				return result.getBoolean(1);
			}
		}
	}

	boolean roleExists(Connection admin, TenantNames names) throws SQLException {
		return exists(admin, "select 1 from pg_roles where rolname = ?", names.role());
	}

	boolean databaseExists(Connection admin, TenantNames names) throws SQLException {
		return exists(admin, "select 1 from pg_database where datname = ?", names.database());
	}

	/** The login exists, may log in, holds nothing beyond its own database, and has this password (anew on every run). */
	void ensureRole(Connection admin, TenantNames names, char[] password) throws SQLException {
		if (!roleExists(admin, names)) {
			try (Statement statement = admin.createStatement()) {
				statement.execute("create role " + names.quotedRole()
						+ " login nosuperuser nocreatedb nocreaterole noinherit noreplication nobypassrls");
			}
			catch (SQLException ex) {
				if (!DUPLICATE_OBJECT.equals(ex.getSQLState())) {
					throw ex;
				}
			}
		}
		admin.unwrap(PGConnection.class).alterUserPassword(names.role(), password, "scram-sha-256");
	}

	/** The database exists and is owned by the login (made from template0, which never has sessions open). */
	void ensureDatabase(Connection admin, TenantNames names) throws SQLException {
		try (Statement statement = admin.createStatement()) {
			if (!databaseExists(admin, names)) {
				try {
					statement.execute("create database " + names.quotedDatabase() + " owner " + names.quotedRole()
							+ " template template0");
				}
				catch (SQLException ex) {
					if (!DUPLICATE_DATABASE.equals(ex.getSQLState())) {
						throw ex;
					}
				}
			}
			statement.execute("alter database " + names.quotedDatabase() + " owner to " + names.quotedRole());
		}
	}

	/** Only the login may connect to its database, with at most the configured number of connections. */
	void restrictAccess(Connection admin, TenantNames names) throws SQLException {
		try (Statement statement = admin.createStatement()) {
			statement.execute("revoke all on database " + names.quotedDatabase() + " from public");
			statement.execute("grant connect, temporary on database " + names.quotedDatabase() + " to " + names.quotedRole());
			statement.execute("alter role " + names.quotedRole() + " connection limit " + this.connectionLimit);
			statement.execute("alter database " + names.quotedDatabase() + " connection limit " + this.connectionLimit);
		}
	}

	/**
	 * Runs the product's script in the new database as its login, in one transaction: a script that fails
	 * half-way leaves nothing of itself behind, and the error is reported as the failure's reason.
	 */
	void runScript(TenantNames names, char[] password, String script) throws SQLException {
		try (Connection connection = DriverManager.getConnection(internalUrl(names.database()), names.role(),
				new String(password))) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute(script);
				connection.commit();
			}
			catch (SQLException ex) {
				connection.rollback();
				throw ex;
			}
		}
	}

	/**
	 * Removes the subscription's database and login, whatever of them exists: open sessions are ended
	 * ({@code WITH (FORCE)}), then what the login still owns or holds elsewhere, then the login.
	 */
	void drop(Connection admin, TenantNames names) throws SQLException {
		try (Statement statement = admin.createStatement()) {
			statement.execute("drop database if exists " + names.quotedDatabase() + " with (force)");
			if (roleExists(admin, names)) {
				statement.execute("reassign owned by " + names.quotedRole() + " to current_user");
				statement.execute("drop owned by " + names.quotedRole());
				statement.execute("drop role if exists " + names.quotedRole());
			}
		}
	}

	/** The credentials a product is given: the public host and port when configured, else the server's. */
	DbConnection connection(TenantNames names, String password) {
		String host = (this.tenant.publicHost() != null && !this.tenant.publicHost().isBlank()) ? this.tenant.publicHost()
				: this.server.getHost();
		int port = (this.tenant.publicPort() != null) ? this.tenant.publicPort()
				: (this.server.getPort() > 0 ? this.server.getPort() : 5432);
		return new DbConnection(host, port, names.database(), names.role(), password);
	}

	String internalUrl(String database) {
		String query = (this.server.getRawQuery() != null) ? "?" + this.server.getRawQuery() : "";
		return "jdbc:postgresql://" + this.server.getRawAuthority() + "/" + database + query;
	}

	private static boolean exists(Connection admin, String sql, String name) throws SQLException {
		try (PreparedStatement query = admin.prepareStatement(sql)) {
			query.setString(1, name);
			try (ResultSet result = query.executeQuery()) {
				return result.next();
			}
		}
	}

}
