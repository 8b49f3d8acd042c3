package com.aventian.portal.provisioning;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@link Isolation#DATABASE}: the subscription's database, owned by its login, which alone may connect to it.
 * Statements run on the administrator's autocommit connection ({@code CREATE DATABASE} cannot run in a transaction).
 */
final class OwnDatabases {

	private static final String DUPLICATE_DATABASE = "42P04";

	private final int connectionLimit;

	OwnDatabases(int connectionLimit) {
		this.connectionLimit = connectionLimit;
	}

	/** The database exists and is owned by the login (made from template0, which never has sessions open). */
	void ensure(Connection admin, TenantNames names, boolean exists) throws SQLException {
		try (Statement statement = admin.createStatement()) {
			if (!exists) {
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

	/** The database goes with any session still open on it. */
	void drop(Connection admin, TenantNames names) throws SQLException {
		try (Statement statement = admin.createStatement()) {
			statement.execute("drop database if exists " + names.quotedDatabase() + " with (force)");
		}
	}

}
