package com.aventian.portal.auditviewer;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.audit.AuditFilter;
import com.aventian.portal.audit.AuditScope;
import com.aventian.portal.audit.AuditTrail;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The CSV export: the filtered view, streamed row by row, and harmless when opened in a spreadsheet. */
@PortalTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditExportTests {

	static final int ROWS = 100_000;

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AuditTrail trail;

	User owner;

	UUID bigTeam;

	@BeforeAll
	void aTeamWithAHundredThousandEvents() {
		this.owner = this.users.create("Exa Export");
		this.bigTeam = this.users.team("Big export " + UUID.randomUUID(), this.owner);
		// each row carries a kilobyte of details: held in memory at once they would weigh over 100 MB
		this.jdbc.update("""
				insert into aventian_audit.tbl_audit_events (occurred_at, actor_email, action, target_type, target_id, team_id, details)
				select now() - make_interval(secs => n), 'bulk@example.com', 'TEAM_RENAMED', 'team', 'bulk-' || n, ?,
				       jsonb_build_object('note', repeat('x', 1000), 'n', n)
				from generate_series(1, ?) n""", this.bigTeam, ROWS);
	}

	@Test
	void aHundredThousandRowsComeAsOneCsvWithAHeaderRow() throws Exception {
		PortalHttp http = this.users.signedIn(this.port, this.owner);

		HttpResponse<java.io.InputStream> response = stream(http, "/teams/" + this.bigTeam + "/audit/export.csv?actor=bulk@example.com");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("text/csv"));
		assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying((value) -> assertThat(value).startsWith("attachment"));
		assertThat(response.headers().firstValue("Content-Length")).as("streamed, so no length known up front").isEmpty();
		try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
			assertThat(lines.readLine()).isEqualTo(
					"occurred_at,action,actor_email,actor_user_id,target_type,target_id,team_id,product_id,ip,details");
			assertThat(lines.readLine()).contains("\"bulk-1\"");
			assertThat(lines.lines().count()).isEqualTo(ROWS - 1);
		}
	}

	@Test
	void theExportHoldsOnlyAFewRowsInMemoryAtOnce() {
		// given the heap in use before the export
		long before = usedHeapAfterGc();
		long[] whileWriting = new long[1];

		// when the first row arrives at the writer, and when the last one does
		long written = this.trail.exportEvents(AuditScope.team(this.bigTeam), AuditFilter.NONE, new Writer() {

			long lines;

			@Override
			public void write(char[] buffer, int offset, int length) {
				for (int i = offset; i < offset + length; i++) {
					if (buffer[i] == '\n' && ++this.lines == 2) {
						whileWriting[0] = usedHeapAfterGc();
					}
				}
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}
		});

		// then the rows were not loaded before writing began: far less than their 100 MB is held
		assertThat(written).isEqualTo(ROWS + 1);
		assertThat(whileWriting[0] - before).as("heap grown by the export while writing").isLessThan(30L * 1024 * 1024);
	}

	@Test
	void cellsASpreadsheetWouldRunAsFormulasAreEscaped() throws Exception {
		// given events whose actor and target were chosen by an attacker
		User admin = this.users.create("Fay Formula");
		UUID team = this.users.team("Formula " + UUID.randomUUID(), admin);
		for (String hostile : List.of("=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tTab", "plain")) {
			this.jdbc.update("insert into aventian_audit.tbl_audit_events (actor_email, action, target_type, target_id, team_id) "
					+ "values (?, 'MEMBER_REMOVED', 'user', ?, ?)", hostile, hostile, team);
		}

		// when the team admin exports
		String csv = this.users.signedIn(this.port, admin).get("/teams/" + team + "/audit/export.csv?action=MEMBER_REMOVED").body();

		// then each such cell starts with an apostrophe, inside quotes, and ordinary text is untouched
		List<String> rows = csv.lines().skip(1).collect(Collectors.toList());
		assertThat(rows).hasSize(6);
		assertThat(csv).contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"")
			.contains("\"'+1+1\"")
			.contains("\"'-2+3\"")
			.contains("\"'@SUM(A1)\"")
			.contains("\"'\tTab\"")
			.contains("\"plain\"");
		assertThat(rows).noneMatch((row) -> row.startsWith("=") || row.contains(",=") || row.contains(",\"=")
				|| row.contains(",\"+") || row.contains(",\"-") || row.contains(",\"@"));
	}

	private HttpResponse<java.io.InputStream> stream(PortalHttp http, String path) throws Exception {
		HttpClient client = HttpClient.newBuilder().cookieHandler(http.cookies()).build();
		return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofInputStream());
	}

	private static long usedHeapAfterGc() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
