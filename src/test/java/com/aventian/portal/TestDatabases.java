package com.aventian.portal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Databases of their own on the test PostgreSQL server, for tests whose background workers must be alone
 * (every cached test context runs a job scheduler on the shared database).
 */
public final class TestDatabases {

	private TestDatabases() {
	}

	/**
	 * The shared test database as its owner, for what the portal's own role may not do: a test's trigger,
	 * or tampering with audit rows to prove the portal cannot.
	 */
	public static DataSource owner() {
		return new DriverManagerDataSource(TestServices.shared().jdbcUrl(), "postgres", "postgres");
	}

	/** A new, empty database (one left by an earlier run is dropped first); its JDBC URL. */
	public static String fresh(String name) {
		try (Connection connection = TestServices.shared().postgres().getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("drop database if exists \"" + name + "\" with (force)");
			statement.execute("create database \"" + name + "\"");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create the test database " + name, ex);
		}
		return TestServices.shared().jdbcUrl().replaceFirst("/[^/]+$", "/" + name);
	}

	/** A new database migrated as the portal migrates its own, with a small pool. */
	public static HikariDataSource migrated(String name) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(fresh(name));
		dataSource.setUsername("postgres");
		dataSource.setPassword("postgres");
		dataSource.setMaximumPoolSize(5);
		Flyway.configure()
			.dataSource(dataSource)
			.schemas("aventian", "aventian_audit")
			.defaultSchema("aventian")
			.locations("classpath:db/migration")
			.load()
			.migrate();
		return dataSource;
	}

}
