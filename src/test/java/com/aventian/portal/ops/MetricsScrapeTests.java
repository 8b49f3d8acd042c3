package com.aventian.portal.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** What an SRE's Prometheus finds at /actuator/prometheus with the scrape token: each series the alerts use. */
@PortalTest
// the same token as EdgeSecurityTests, so both share one cached context
@TestPropertySource(properties = "aventian.management.scrape-token=" + MetricsScrapeTests.SCRAPE_TOKEN)
class MetricsScrapeTests {

	static final String SCRAPE_TOKEN = "scrape-token-for-tests-0123456789";

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Test
	void aScrapeWithTheTokenFindsEverySeriesTheAlertsAndTheDashboardUse() throws Exception {
		// given a sign-in that fails, one that succeeds and a team page
		User owner = this.users.create("Metra Metrics");
		UUID teamId = this.users.team("Metered Team", owner);
		assertThat(new PortalHttp(this.port).signIn(owner.email(), "not the password at all 1").statusCode()).isEqualTo(302);
		PortalHttp browser = this.users.signedIn(this.port, owner);
		assertThat(browser.get("/teams/" + teamId).statusCode()).isEqualTo(200);

		// when Prometheus scrapes
		HttpResponse<String> scrape = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/prometheus"))
				.header("Authorization", "Bearer " + SCRAPE_TOKEN)
				.build(), HttpResponse.BodyHandlers.ofString());

		// then
		assertThat(scrape.statusCode()).isEqualTo(200);
		String metrics = scrape.body();
		assertThat(metrics).as("HTTP latency histogram per route template")
			.containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/teams/\\{teamId}\"");
		assertThat(metrics).as("DB pool")
			.contains("hikaricp_connections_active{", "hikaricp_connections_idle{", "hikaricp_connections_pending{",
					"hikaricp_connections_timeout_total{", "hikaricp_connections_max{");
		assertThat(metrics).as("per-mapper statement latency")
			.containsPattern("aventian_db_statements_seconds_bucket\\{[^}]*mapper=\"AuthorizationMapper\"[^}]*statement=\"findEffectivePrivileges\"");
		assertThat(metrics).as("Redis command latency")
			.containsPattern("lettuce_command_completion_seconds_bucket\\{[^}]*command=\"[A-Z]+\"");
		assertThat(metrics).as("sign-ins and failures")
			.containsPattern("aventian_sign_ins_total\\{[^}]*method=\"password\"[^}]*outcome=\"success\"")
			.containsPattern("aventian_sign_ins_total\\{[^}]*method=\"password\"[^}]*outcome=\"failure\"[^}]*reason=\"BadCredentialsException\"");
		assertThat(metrics).as("jobs: backlog, failures, age of the oldest")
			.contains("aventian_jobs_due ", "aventian_jobs_running ", "aventian_jobs_failing ",
					"aventian_jobs_oldest_due_age_seconds ")
			.containsPattern("dbscheduler_task_completions_total\\{[^}]*result=\"failed\"[^}]*task=\"mail\"");
		assertThat(metrics).as("JVM memory").contains("jvm_memory_used_bytes{", "jvm_memory_max_bytes{");
		assertThat(metrics).as("age of the last backup").contains("aventian_backup_last_success_age_seconds ");
		assertThat(metrics).as("table sizes, partitions summed into their table")
			.containsPattern("aventian_db_table_size_bytes\\{schema=\"aventian_audit\",table=\"tbl_audit_events\"} [0-9.E]+")
			.containsPattern("aventian_db_table_rows\\{schema=\"aventian\",table=\"tbl_users\"} [0-9.E]+")
			.doesNotContain("table=\"tbl_audit_events_default\"");
		// and every series the Grafana dashboard draws exists
		assertThat(seriesOfTheDashboard()).isNotEmpty()
			.allSatisfy((series) -> assertThat(metrics).as("the dashboard's " + series).contains(series));
	}

	private static Set<String> seriesOfTheDashboard() throws IOException {
		String dashboard = Files.readString(Path.of("docker/grafana/aventian-portal.json"));
		Set<String> series = new TreeSet<>();
		Matcher name = Pattern.compile("([a-z][a-z0-9_]+)\\{").matcher(dashboard);
		while (name.find()) {
			series.add(name.group(1));
		}
		return series;
	}

}
