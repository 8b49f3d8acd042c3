package com.aventian.portal.ops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The restore drill of docs/OPERATIONS.md, run for real: {@code scripts/backup/drill.sh} backs up a database of
 * 100,000 users and 1,000,000 audit events with Debian's pg_dump, restores it into a fresh database and compares
 * it with the manifest. On a PostgreSQL of its own (15: the version of the installed client; the other tests'
 * PostgreSQL 17 ships no pg_dump), so the shared servers never carry the data set.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupDrillTests {

	private static final Path SCRIPTS = Path.of("scripts/backup");

	private static final Path BINARIES = Path.of("target/backup-drill/postgres-binaries.jar");

	private static final String DATABASE = "avn-drill";

	private static final Pattern FIGURES = Pattern
		.compile("drill: ok backup=([0-9.]+) restore=([0-9.]+) total=([0-9.]+) size=(\\d+) rows=(\\d+)");

	private EmbeddedPostgres postgres;

	@BeforeAll
	void startPostgresWithTheDataSet() throws Exception {
		this.postgres = EmbeddedPostgres.builder().setPgBinaryResolver(BackupDrillTests::postgres15).start();
		try (Connection admin = this.postgres.getPostgresDatabase().getConnection(); Statement sql = admin.createStatement()) {
			sql.execute("alter user postgres password 'postgres'");
			sql.execute("create database \"" + DATABASE + "\"");
		}
		try (HikariDataSource database = dataSource()) {
			Flyway.configure()
				.dataSource(database)
				.schemas("aventian", "aventian_audit")
				.defaultSchema("aventian")
				.locations("classpath:db/migration")
				.load()
				.migrate();
			generate(database);
		}
	}

	@AfterAll
	void stopPostgres() throws IOException {
		if (this.postgres != null) {
			this.postgres.close();
		}
	}

	@Test
	void theDrillRestoresAMillionAuditEventsAndAHundredThousandUsersToTheirManifest(@TempDir Path work) throws Exception {
		// when the drill runs against the portal's database
		Result drill = run(work, "drill.sh", work.resolve("backups").toString());

		// then it ends well, with the restored copy equal to the manifest, and says how long it took
		assertThat(drill.exitCode()).as(drill.output()).isZero();
		Matcher figures = FIGURES.matcher(drill.output());
		assertThat(figures.find()).as(drill.output()).isTrue();
		assertThat(Long.parseLong(figures.group(5))).isGreaterThanOrEqualTo(1_100_000);
		System.out.printf("Backup drill, 100,000 users and 1,000,000 audit events: backup %s s, restore and compare %s s, "
				+ "total %s s, dump %d MB%n", figures.group(1), figures.group(2), figures.group(3),
				Long.parseLong(figures.group(4)) / 1_000_000);

		// and the manifest names the schema version and the tables' counts
		Path manifest;
		try (var files = Files.list(work.resolve("backups"))) {
			manifest = files.filter((file) -> file.toString().endsWith(".manifest")).findFirst().orElseThrow();
		}
		List<String> lines = Files.readAllLines(manifest);
		assertThat(lines).contains("aventian.tbl_users 100000").anyMatch((line) -> line.matches("schema_version \\d+"))
			.anyMatch((line) -> line.matches("sha256 [0-9a-f]{64}"));
		long auditRows = lines.stream()
			.filter((line) -> line.startsWith("aventian_audit.tbl_audit_events"))
			.mapToLong((line) -> Long.parseLong(line.substring(line.indexOf(' ') + 1)))
			.sum();
		assertThat(auditRows).isEqualTo(1_000_000);
		// and the backup recorded itself for the portal's backup-age metric
		String dumpName = manifest.getFileName().toString().replace(".manifest", ".dump");
		try (HikariDataSource database = dataSource(); Connection connection = database.getConnection();
				var runs = connection.prepareStatement("select count(*) from aventian.tbl_backup_runs where file_name = ?")) {
			runs.setString(1, dumpName);
			try (var found = runs.executeQuery()) {
				found.next();
				assertThat(found.getInt(1)).isEqualTo(1);
			}
		}
	}

	@Test
	void aBackupWhoseFileChangedIsNotRestored(@TempDir Path work) throws Exception {
		// given a backup, then one byte of it changed
		Result backup = run(work, "backup.sh", work.toString());
		assertThat(backup.exitCode()).as(backup.output()).isZero();
		Path dump = Path.of(backup.output().lines().reduce((first, second) -> second).orElseThrow());
		byte[] bytes = Files.readAllBytes(dump);
		bytes[bytes.length / 2] ^= 1;
		Files.write(dump, bytes);

		// when it is restored
		Result restore = run(work, "restore.sh", dump.toString(), "avn-drill-damaged");

		// then nothing is restored, and the checksum is named as the reason
		assertThat(restore.exitCode()).isNotZero();
		assertThat(restore.output()).contains("does not match its manifest's checksum");
		try (Connection admin = this.postgres.getPostgresDatabase().getConnection(); Statement sql = admin.createStatement();
				var found = sql.executeQuery("select count(*) from pg_database where datname = 'avn-drill-damaged'")) {
			found.next();
			assertThat(found.getInt(1)).isZero();
		}
	}

	/** 100,000 users, and 1,000,000 audit events spread over the last eight days' partitions. */
	private static void generate(HikariDataSource database) throws SQLException {
		try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
			sql.execute("select aventian_audit.ensure_daily_partitions('tbl_audit_events', current_date - 7, 8)");
			sql.execute("""
					insert into aventian.tbl_users (email, display_name, password_hash, email_verified_at)
					select 'drill.user.' || i || '@example.com', 'Drill User ' || i, '{argon2}placeholder', now()
					  from generate_series(1, 100000) i""");
			sql.execute("""
					insert into aventian_audit.tbl_audit_events
					       (occurred_at, actor_email, action, target_type, target_id, team_id, details, ip)
					select now() - (i % 691200) * interval '1 second', 'drill.user.' || (i % 100000) || '@example.com',
					       'ROLE_CHANGED', 'membership', i::text, gen_random_uuid(),
					       jsonb_build_object('from', 'Member', 'to', 'Admin'), '10.0.0.1'::inet
					  from generate_series(1, 1000000) i""");
			sql.execute("analyze");
		}
	}

	private HikariDataSource dataSource() {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl("jdbc:postgresql://localhost:" + this.postgres.getPort() + "/" + DATABASE);
		dataSource.setUsername("postgres");
		dataSource.setPassword("postgres");
		dataSource.setMaximumPoolSize(2);
		return dataSource;
	}

	private Result run(Path work, String script, String... arguments) throws Exception {
		List<String> command = new java.util.ArrayList<>(List.of("bash", SCRIPTS.resolve(script).toString()));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment()
			.putAll(Map.of("PGHOST", "localhost", "PGPORT", String.valueOf(this.postgres.getPort()), "PGUSER", "postgres",
					"PGPASSWORD", "postgres", "PGDATABASE", DATABASE));
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
		return new Result(process.exitValue(), output);
	}

	/** The server archive inside the binaries jar the build copied (it holds exactly one, for Linux x86-64). */
	private static InputStream postgres15(String system, String machine) throws IOException {
		JarFile jar = new JarFile(BINARIES.toFile());
		return jar.getInputStream(jar.stream()
			.filter((entry) -> entry.getName().endsWith(".txz"))
			.findFirst()
			.orElseThrow(() -> new IOException("no PostgreSQL archive in " + BINARIES)));
	}

	private record Result(int exitCode, String output) {
	}

}
