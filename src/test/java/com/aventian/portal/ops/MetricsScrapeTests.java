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
import com.aventian.portal.billing.BillingSubscriptions;
import com.aventian.portal.provisioning.DbConnections;
import com.aventian.portal.provisioning.ProvisionedNow;
import com.aventian.portal.provisioning.ProvisionedNow.Provisioned;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
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

	@Autowired
	ProvisionedNow provisioning;

	@Autowired
	DbConnections connections;

	@Autowired
	BillingSubscriptions billing;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aScrapeWithTheTokenFindsEverySeriesTheAlertsAndTheDashboardUse() throws Exception {
		String before = scrape().body();
		// given a sign-in that fails, one that succeeds and a team page read twice (its privileges: a miss, then a hit)
		User owner = this.users.create("Metra Metrics");
		UUID teamId = this.users.team("Metered Team", owner);
		assertThat(new PortalHttp(this.port).signIn(owner.email(), "not the password at all 1").statusCode()).isEqualTo(302);
		PortalHttp browser = this.users.signedIn(this.port, owner);
		assertThat(browser.get("/teams/" + teamId).statusCode()).isEqualTo(200);
		assertThat(browser.get("/teams/" + teamId).statusCode()).isEqualTo(200);
		// and a provisioning that succeeds, its connection read twice (a miss, then a hit), and one that fails
		Provisioned active = this.provisioning.provision("create table metered (id int);");
		Provisioned failed = this.provisioning.provision("select * from no_such_table;");
		assertThat(active.status()).isEqualTo("ACTIVE");
		assertThat(failed.status()).isEqualTo("FAILED");
		assertThat(this.connections.read(active.teamId(), active.productId(), "metrics-test")).isPresent();
		assertThat(this.connections.read(active.teamId(), active.productId(), "metrics-test")).isPresent();
		// and a subscription on a paid plan, which issues its first invoice
		issueAnInvoiceInChf();

		// when Prometheus scrapes
		HttpResponse<String> scrape = scrape();

		// then
		assertThat(scrape.statusCode()).isEqualTo(200);
		String metrics = scrape.body();
		for (String cache : new String[] { "aventian_rbac_cache_total", "aventian_dbconn_cache_total" }) {
			for (String result : new String[] { "hit", "miss" }) {
				String series = cache + "{result=\"" + result + "\"}";
				assertThat(value(metrics, series)).as("the hit ratio's " + series).isGreaterThanOrEqualTo(value(before, series) + 1);
			}
			assertThat(metrics).as("reads without Redis").contains(cache + "{result=\"unavailable\"} ");
		}
		assertThat(metrics).as("provisioning outcomes per product")
			.contains("aventian_provisioning_outcomes_total{outcome=\"succeeded\",product=\"" + active.productCode() + "\"} 1.0")
			.contains("aventian_provisioning_outcomes_total{outcome=\"failed\",product=\"" + failed.productCode() + "\"} 1.0");
		String invoices = "aventian_invoices_issued_total{currency=\"CHF\",kind=\"INVOICE\"}";
		assertThat(value(metrics, invoices)).as("invoices issued by currency").isGreaterThanOrEqualTo(value(before, invoices) + 1);
		assertThat(metrics).as("HTTP latency histogram per route template")
			.containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/teams/\\{teamId}\"");
		assertThat(metrics).as("no observation per security filter: a tenth of every request's CPU, no alert reads it")
			.doesNotContain("spring_security_filterchains");
		assertThat(metrics).as("DB pool")
			.contains("hikaricp_connections_active{", "hikaricp_connections_idle{", "hikaricp_connections_pending{",
					"hikaricp_connections_timeout_total{", "hikaricp_connections_max{");
		assertThat(metrics).as("per-mapper statement latency")
			.containsPattern("aventian_db_statements_seconds_bucket\\{[^}]*mapper=\"AuthorizationMapper\"[^}]*statement=\"findEffectivePrivileges\"");
		assertThat(metrics).as("Redis command latency")
			.containsPattern("lettuce_command_completion_seconds_bucket\\{[^}]*command=\"[A-Z]+\"");
		assertThat(metrics).as("Redis commands measured once, by Lettuce's latency recorder: no observation per command as well")
			.doesNotContain("lettuce_seconds", "lettuce_active_seconds");
		assertThat(metrics).as("sign-ins and failures")
			.containsPattern("aventian_sign_ins_total\\{[^}]*method=\"password\"[^}]*outcome=\"success\"")
			.containsPattern("aventian_sign_ins_total\\{[^}]*method=\"password\"[^}]*outcome=\"failure\"[^}]*reason=\"BadCredentialsException\"");
		assertThat(metrics).as("jobs: backlog, failures, age of the oldest")
			.contains("aventian_jobs_due ", "aventian_jobs_running ", "aventian_jobs_failing ",
					"aventian_jobs_oldest_due_age_seconds ")
			.containsPattern("dbscheduler_task_completions_total\\{[^}]*result=\"failed\"[^}]*task=\"mail\"");
		assertThat(metrics).as("JVM memory").contains("jvm_memory_used_bytes{", "jvm_memory_max_bytes{");
		// Serial GC's old generation fills before it is collected: the heap alert reads what is left after a collection
		assertThat(metrics).as("the heap alert's series: old generation in use after the last collection")
			.containsPattern("jvm_memory_usage_after_gc\\{[^}]*area=\"heap\"[^}]*pool=\"long-lived\"");
		assertThat(metrics).as("age of the last backup").contains("aventian_backup_last_success_age_seconds ");
		assertThat(metrics).as("table sizes, partitions summed into their table")
			.containsPattern("aventian_db_table_size_bytes\\{schema=\"aventian_audit\",table=\"tbl_audit_events\"} [0-9.E]+")
			.containsPattern("aventian_db_table_rows\\{schema=\"aventian\",table=\"tbl_users\"} [0-9.E]+")
			.doesNotContain("table=\"tbl_audit_events_default\"");
		// and every series the Grafana dashboard draws exists
		assertThat(seriesOfTheDashboard()).isNotEmpty()
			.allSatisfy((series) -> assertThat(metrics).as("the dashboard's " + series).contains(series));
	}

	private HttpResponse<String> scrape() throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/prometheus"))
				.header("Authorization", "Bearer " + SCRAPE_TOKEN)
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A plan of a new product in CHF, and a new team subscribing to it through billing. */
	private void issueAnInvoiceInChf() {
		User owner = this.users.create("Billed Metrics");
		UUID teamId = this.users.team("Billed Team", owner);
		UUID productId = UUID.randomUUID();
		this.jdbc.update("insert into aventian.tbl_master_products (id, code, name) values (?, ?, ?)", productId,
				"m" + productId.toString().substring(0, 8), "Metered product");
		UUID planId = this.jdbc.queryForObject("insert into aventian.tbl_plans (product_id, code, version, name, currency, "
				+ "price_minor, billing_interval, included_seats, extra_seat_price_minor, trial_days) "
				+ "values (?, 'metered', 1, 'Metered', 'CHF', 1500, 'MONTH', 1, 0, 0) returning id", UUID.class, productId);
		this.billing.subscribe(owner.id(), owner.email(), teamId, planId.toString(), "1");
	}

	/** The value of one series in a scrape; 0 when it is not there yet. */
	private static double value(String metrics, String series) {
		Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.E+-]+)$").matcher(metrics);
		return line.find() ? Double.parseDouble(line.group(1)) : 0;
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
