package com.aventian.portal.provisioning;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@link Isolation#SCHEMA}: the subscription's schema in the shared tenant database, owned by its login and closed to
 * every other login. The shared database is made on first use, closed to PUBLIC (each login is granted CONNECT), and
 * its {@code public} schema is closed to PUBLIC too, so no login can create anything outside its own schema or use
 * what another put there. Changes to the shared database's and its {@code public} schema's privileges are
 * serialised by a transaction-level advisory lock: PostgreSQL refuses concurrent grants on one object ("tuple
 * concurrently updated"), and many subscriptions are provisioned at once. The lock is taken on the administrator's
 * database, never in the shared one: every team's login connects there, and any session may take any advisory lock
 * of its database, so one login holding it would stall every later subscription's run.
 */
final class SharedSchemas {

	/** First half of the advisory lock key serialising privilege changes on the shared database. */
	static final int SHARED_LOCK_SPACE = 0x41564e32;

	private static final String DUPLICATE_DATABASE = "42P04";

	private static final String UNIQUE_VIOLATION = "23505";

	private final int connectionLimit;

	SharedSchemas(int connectionLimit) {
		this.connectionLimit = connectionLimit;
	}

	/** The shared database exists, owned by the administrator, and no login may connect to it unless granted. */
	void ensureDatabase(Connection admin, TenantNames names, boolean exists) throws SQLException {
		if (!exists) {
			try (Statement statement = admin.createStatement()) {
				statement.execute("create database " + names.quotedDatabase() + " template template0");
			}
			catch (SQLException ex) {
				// two first subscriptions at once: the other made it
				if (!DUPLICATE_DATABASE.equals(ex.getSQLState()) && !UNIQUE_VIOLATION.equals(ex.getSQLState())) {
					throw ex;
				}
			}
		}
		serialised(admin, admin, "revoke all on database " + names.quotedDatabase() + " from public");
	}

	/**
	 * The schema exists in the shared database ({@code shared}: the administrator's connection to it), owned by the
	 * login; {@code admin}, the connection to the administrator's database, holds the lock.
	 */
	void ensureSchema(Connection admin, Connection shared, TenantNames names) throws SQLException {
		serialised(admin, shared, "revoke all on schema public from public");
		try (Statement statement = shared.createStatement()) {
			if (!TenantServer.exists(shared, "select 1 from pg_namespace where nspname = ?", names.schema())) {
				statement.execute("create schema if not exists " + names.quotedSchema() + " authorization " + names.quotedRole());
			}
			statement.execute("alter schema " + names.quotedSchema() + " owner to " + names.quotedRole());
		}
	}

	/**
	 * The login may connect to the shared database and reach its own schema only (none was granted to PUBLIC, and
	 * what was is revoked), with at most the configured number of connections, its schema first on its search path.
	 */
	void restrictAccess(Connection admin, Connection shared, TenantNames names) throws SQLException {
		serialised(admin, admin, "grant connect, temporary on database " + names.quotedDatabase() + " to " + names.quotedRole());
		try (Statement statement = shared.createStatement()) {
			statement.execute("revoke all on schema " + names.quotedSchema() + " from public");
		}
		try (Statement statement = admin.createStatement()) {
			statement.execute("alter role " + names.quotedRole() + " connection limit " + this.connectionLimit);
			statement.execute("alter role " + names.quotedRole() + " in database " + names.quotedDatabase()
					+ " set search_path to " + names.quotedSchema());
		}
	}

	/**
	 * The schema goes with everything in it; with {@code role} (the login still exists) what it owns or was granted
	 * elsewhere in the shared database goes too, so the login can be dropped. Dropped, never reassigned: what a login
	 * owns outside its schema (large objects belong to no schema) is the team's data, which must not outlive the drop
	 * as the administrator's.
	 */
	void drop(Connection shared, TenantNames names, boolean role) throws SQLException {
		try (Statement statement = shared.createStatement()) {
			statement.execute("drop schema if exists " + names.quotedSchema() + " cascade");
			if (role) {
				statement.execute("drop owned by " + names.quotedRole());
			}
		}
	}

	/**
	 * Runs one privilege change on {@code target} under the lock held by a transaction of {@code admin} (the
	 * administrator's database): the change commits (in that transaction, or by itself on another connection)
	 * before the lock goes.
	 */
	private static void serialised(Connection admin, Connection target, String sql) throws SQLException {
		TenantServer.endSquatters(admin, SHARED_LOCK_SPACE, 0);
		admin.setAutoCommit(false);
		try (PreparedStatement lock = admin.prepareStatement("select pg_advisory_xact_lock(?, 0)");
				Statement statement = target.createStatement()) {
			lock.setInt(1, SHARED_LOCK_SPACE);
			lock.execute();
			statement.execute(sql);
			admin.commit();
		}
		catch (SQLException ex) {
			admin.rollback();
			throw ex;
		}
		finally {
			admin.setAutoCommit(true);
		}
	}

}
