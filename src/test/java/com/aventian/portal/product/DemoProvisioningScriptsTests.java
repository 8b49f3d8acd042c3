package com.aventian.portal.product;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import com.aventian.portal.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo products' provisioning scripts are real SQL: each runs on an empty PostgreSQL database, as provisioning
 * will run it for a team, and runs again over its own result (a retried provisioning job).
 */
class DemoProvisioningScriptsTests {

	@ParameterizedTest
	@CsvSource({ "crm, 'activities,contacts,deals,pipeline_stages,pipelines'",
			"analytics, 'dashboards,events,events_default,exports,widgets'" })
	void theScriptCreatesTheProductsTablesInAnEmptyDatabaseAndCanRunAgain(String product, String tables) throws Exception {
		String script = Files.readString(Path.of("db/products", product, "provision.sql"));
		String url = TestDatabases.fresh("provision_" + product);

		try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
				Statement statement = connection.createStatement()) {
			statement.execute(script);
			statement.execute(script);
			List<String> created = new ArrayList<>();
			try (ResultSet rows = statement.executeQuery(
					"select table_name from information_schema.tables where table_schema = '" + product + "' order by table_name")) {
				while (rows.next()) {
					created.add(rows.getString(1));
				}
			}
			assertThat(String.join(",", created)).isEqualTo(tables);
		}
	}

}
