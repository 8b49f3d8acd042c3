package com.aventian.portal.provisioning;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The tenant PostgreSQL server, spoken to as its administrator over plain autocommit connections
 * ({@code CREATE DATABASE} cannot run inside a transaction). Every operation looks in the catalog first or
 * tolerates what an earlier run made, so running it again converges. Names come from {@link TenantNames}
 * only; passwords are set with {@link PGConnection#alterUserPassword}, which sends a SCRAM verifier computed
 * here, so no clear password reaches the server's statement log. What differs between a database of its own and
 * a schema of the shared database is in {@link OwnDatabases} and {@link SharedSchemas}.
 */
@Component
class TenantServer {

	private static final Logger log = LoggerFactory.getLogger(TenantServer.class);

	/** First half of the advisory lock key: this lock space is provisioning's own. */
	static final int LOCK_SPACE = 0x41564e31;

	private static final String DUPLICATE_OBJECT = "42710";

	private final ProvisioningProperties.Tenant tenant;

	private final URI server;

	private final Isolation isolation;

	private final String sharedDatabase;

	private final OwnDatabases databases;

	private final SharedSchemas schemas;

	private final AtomicBoolean openDatabasesChecked = new AtomicBoolean();

	TenantServer(ProvisioningProperties properties) {
		this.tenant = properties.tenant();
		if (this.tenant == null || this.tenant.url() == null || !this.tenant.url().startsWith("jdbc:postgresql://")) {
			throw new IllegalStateException("aventian.provisioning.tenant.url must be the JDBC URL (jdbc:postgresql://host:port/db)"
					+ " of the tenant server where teams' product databases are made");
		}
		this.server = URI.create(this.tenant.url().substring("jdbc:".length()));
		this.isolation = (properties.isolation() != null) ? properties.isolation() : Isolation.DATABASE;
		this.sharedDatabase = properties.sharedDatabase();
		if (this.isolation == Isolation.SCHEMA && !TenantNames.isSharedDatabaseName(this.sharedDatabase)) {
			throw new IllegalStateException("aventian.provisioning.shared-database must name the tenant database holding the"
					+ " teams' schemas: lower-case letters, digits and _, not a template, not avn_ and 32 hex digits");
		}
		this.databases = new OwnDatabases(properties.connectionLimit());
		this.schemas = new SharedSchemas(properties.connectionLimit());
	}

	Connection admin() throws SQLException {
		return DriverManager.getConnection(this.tenant.url(), this.tenant.username(), this.tenant.password());
	}

	/** An administrative connection to one database of the tenant server. */
	Connection admin(String database) throws SQLException {
		return DriverManager.getConnection(internalUrl(database), this.tenant.username(), this.tenant.password());
	}

	/** Where a subscription's objects go under the configured isolation, for its first run to record. */
	TenantNames namesFor(UUID subscriptionId) {
		return TenantNames.of(subscriptionId, this.isolation, this.sharedDatabase);
	}

	/**
	 * A session-level advisory lock on the tenant server for one subscription: two workers, on any instances,
	 * never work on it at once. Taken now or {@link SubscriptionBusyException}. Closing it unlocks at once (a
	 * closed connection's lock goes only when its server process has exited, which a rerun may not wait for);
	 * a worker that dies keeps it only until its session ends.
	 */
	SubscriptionLock lock(Connection admin, UUID subscriptionId) throws SQLException {
		endSquatters(admin, LOCK_SPACE, subscriptionId.hashCode());
		if (!advisory(admin, "select pg_try_advisory_lock(?, ?)", subscriptionId)) {
			throw new SubscriptionBusyException(subscriptionId);
		}
		return () -> advisory(admin, "select pg_advisory_unlock(?, ?)", subscriptionId);
	}

	private static boolean advisory(Connection admin, String sql, UUID subscriptionId) throws SQLException {
		try (PreparedStatement lock = admin.prepareStatement(sql)) {
			lock.setInt(1, LOCK_SPACE);
			lock.setInt(2, subscriptionId.hashCode());
			try (ResultSet result = lock.executeQuery()) {
				result.next();
				return result.getBoolean(1);
			}
		}
	}

	/**
	 * Ends the sessions of team logins holding the portal's advisory lock {@code (space, key)} in the administrator's
	 * database: a login may connect there (as PostgreSQL is installed) and take any advisory lock of it, which would
	 * keep its subscription's login open after cancellation, its database from the drop, or every run waiting. Only
	 * the portal's workers, connected as the administrator, hold these locks rightly.
	 */
	static void endSquatters(Connection admin, int space, int key) throws SQLException {
		try (PreparedStatement squatters = admin.prepareStatement(
				"select pg_terminate_backend(l.pid, 5000) from pg_locks l join pg_stat_activity a on a.pid = l.pid"
						+ " where l.locktype = 'advisory' and l.database = (select oid from pg_database where datname ="
						+ " current_database()) and l.classid::bigint = ? and l.objid::bigint = ? and l.objsubid = 2"
						+ " and a.usename like 'avn\\_%'")) {
			squatters.setLong(1, Integer.toUnsignedLong(space));
			squatters.setLong(2, Integer.toUnsignedLong(key));
			try (ResultSet ended = squatters.executeQuery()) {
				// each row is one ended session
			}
		}
	}

	/** Held while open; see {@link TenantServer#lock}. */
	interface SubscriptionLock extends AutoCloseable {

		@Override
		void close() throws SQLException;

	}

	boolean roleExists(Connection admin, TenantNames names) throws SQLException {
		return exists(admin, "select 1 from pg_roles where rolname = ?", names.role());
	}

	boolean databaseExists(Connection admin, TenantNames names) throws SQLException {
		return exists(admin, "select 1 from pg_database where datname = ?", names.database());
	}

	/** The login exists, may log in, holds nothing beyond its own place, and has this password (anew on every run). */
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
		else {
			// a subscription taken again before its drop: cancelling closed the login
			try (Statement statement = admin.createStatement()) {
				statement.execute("alter role " + names.quotedRole() + " login");
			}
		}
		admin.unwrap(PGConnection.class).alterUserPassword(names.role(), password, "scram-sha-256");
	}

	/** The login may no longer sign in, and its sessions are ended; nothing else changes. */
	void closeLogin(Connection admin, TenantNames names) throws SQLException {
		if (!roleExists(admin, names)) {
			return;
		}
		try (Statement statement = admin.createStatement()) {
			statement.execute("alter role " + names.quotedRole() + " nologin");
		}
		endSessions(admin, names);
	}

	/** The subscription's database, or its schema in the shared database, exists and is owned by the login. */
	void ensurePlace(Connection admin, TenantNames names) throws SQLException {
		if (names.isolation() == Isolation.DATABASE) {
			this.databases.ensure(admin, names, databaseExists(admin, names));
			return;
		}
		this.schemas.ensureDatabase(admin, names, databaseExists(admin, names));
		try (Connection shared = admin(names.database())) {
			this.schemas.ensureSchema(admin, shared, names);
		}
	}

	/** Only the login may reach its database or schema, with at most the configured number of connections. */
	void restrictAccess(Connection admin, TenantNames names) throws SQLException {
		if (names.isolation() == Isolation.DATABASE) {
			this.databases.restrictAccess(admin, names);
		}
		else {
			try (Connection shared = admin(names.database())) {
				this.schemas.restrictAccess(admin, shared, names);
			}
		}
		warnOnceOfDatabasesOpenToEveryLogin(admin);
	}

	/**
	 * Runs the product's script in the subscription's database (or schema: the URL and the login's search path
	 * select it) as its login, in one transaction: a script that fails half-way leaves nothing of itself behind, and
	 * the error is reported as the failure's reason.
	 */
	void runScript(TenantNames names, char[] password, String script) throws SQLException {
		String url = internalUrl(names.database());
		if (names.schema() != null) {
			url += (url.contains("?") ? "&" : "?") + "currentSchema=" + names.schema();
		}
		try (Connection connection = DriverManager.getConnection(url, names.role(), new String(password))) {
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
	 * Removes the subscription's database or schema and its login, whatever of them exists: the login may no
	 * longer sign in and its sessions are ended, then the place goes, then what the login still owns or holds
	 * elsewhere, then the login. The shared database itself is never dropped. What the login owns is dropped, never
	 * reassigned: it is the team's data (large objects need no privilege), and a login's SECURITY DEFINER function
	 * reassigned to the administrator would run as the administrator.
	 */
	void drop(Connection admin, TenantNames names) throws SQLException {
		boolean role = roleExists(admin, names);
		try (Statement statement = admin.createStatement()) {
			if (role) {
				closeLogin(admin, names);
			}
			if (names.isolation() == Isolation.DATABASE) {
				this.databases.drop(admin, names);
			}
			else if (databaseExists(admin, names)) {
				try (Connection shared = admin(names.database())) {
					this.schemas.drop(shared, names, role);
				}
			}
			if (role) {
				statement.execute("drop owned by " + names.quotedRole());
				statement.execute("drop role if exists " + names.quotedRole());
			}
		}
	}

	/**
	 * The databases every login may connect to (CONNECT granted to PUBLIC, PostgreSQL's default for a new database,
	 * {@code postgres} and the template {@code template1} included): a team's login can open a session there, and use
	 * what PUBLIC may use in them; in a template, what it leaves (large objects need no privilege) is copied into every
	 * database made from it.
	 */
	List<String> databasesOpenToEveryLogin(Connection admin) throws SQLException {
		List<String> open = new ArrayList<>();
		try (Statement statement = admin.createStatement();
				ResultSet rows = statement.executeQuery("select datname from pg_database where datallowconn"
						+ " and has_database_privilege('public', oid, 'CONNECT') order by datname")) {
			while (rows.next()) {
				open.add(rows.getString(1));
			}
		}
		return open;
	}

	/** The credentials a product is given: the public host and port when configured, else the server's. */
	DbConnection connection(TenantNames names, String password) {
		String host = (this.tenant.publicHost() != null && !this.tenant.publicHost().isBlank()) ? this.tenant.publicHost()
				: this.server.getHost();
		int port = (this.tenant.publicPort() != null) ? this.tenant.publicPort()
				: (this.server.getPort() > 0 ? this.server.getPort() : 5432);
		return new DbConnection(host, port, names.database(), names.role(), password, names.schema());
	}

	String internalUrl(String database) {
		String query = (this.server.getRawQuery() != null) ? "?" + this.server.getRawQuery() : "";
		return "jdbc:postgresql://" + this.server.getRawAuthority() + "/" + database + query;
	}

	private void warnOnceOfDatabasesOpenToEveryLogin(Connection admin) throws SQLException {
		if (this.openDatabasesChecked.compareAndSet(false, true)) {
			List<String> open = databasesOpenToEveryLogin(admin);
			if (!open.isEmpty()) {
				log.warn("Teams' logins can connect to the tenant server's databases {}, which grant CONNECT to PUBLIC: revoke it"
						+ " (REVOKE CONNECT ON DATABASE ... FROM PUBLIC) or give the teams a tenant server of their own"
						+ " (docs/OPERATIONS.md)", open);
			}
		}
	}

	/** Ends the login's sessions on every database, waiting up to 5 s for each to go. */
	private static void endSessions(Connection admin, TenantNames names) throws SQLException {
		try (PreparedStatement terminate = admin.prepareStatement(
				"select pg_terminate_backend(pid, 5000) from pg_stat_activity where usename = ? and pid <> pg_backend_pid()")) {
			terminate.setString(1, names.role());
			try (ResultSet ignored = terminate.executeQuery()) {
				// each row is one ended session; what matters is that none is left
			}
		}
	}

	static boolean exists(Connection connection, String sql, String name) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement(sql)) {
			query.setString(1, name);
			try (ResultSet result = query.executeQuery()) {
				return result.next();
			}
		}
	}

}
