package com.aventian.portal.billing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.aventian.portal.MovableClock;
import com.aventian.portal.RecordedStatements;
import com.aventian.portal.apikey.ApiKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GetUserDetails tells the calling product where the team stands in billing for it (NONE without a plan),
 * so a product can refuse a suspended team; a status change changes the strong ETag, and telling it costs
 * no statement of its own (it rides on the query of the grants, and is cached with them: a warm call runs none).
 */
@BillingTest
class ProductApiBillingStatusTests {

	private static final Instant ISSUED = Instant.parse("2027-03-01T10:00:00Z");

	private static final HttpClient CLIENT = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	BillingSubscriptions subscriptions;

	@Autowired
	Invoices invoices;

	@Autowired
	Payments payments;

	@Autowired
	Renewals renewals;

	@Autowired
	BillingFixtures fixtures;

	@Autowired
	MovableClock clock;

	@Autowired
	ApiKeys keys;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	RecordedStatements statements;

	UUID product;

	Plan plan;

	BillingFixtures.Team team;

	String key;

	@BeforeEach
	void productWithAKey() {
		this.clock.set(ISSUED);
		this.product = this.fixtures.product("Reported");
		this.plan = this.fixtures.plan(this.product, "reported", "EUR", 1000, BillingInterval.MONTH, 5, 0, 0);
		this.team = this.fixtures.team("Reported");
		this.key = this.keys.create(this.product, "test key", null, null, null).secret();
		// the team has the product already (its database provisioned): subscribing on a plan uses that row, and no
		// provisioning runs meanwhile to change the answer's provisioning status between two calls
		this.jdbc.update("insert into aventian.tbl_team_product_assoc (team_id, product_id, status) values (?, ?, 'ACTIVE')",
				this.team.id(), this.product);
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void aTeamWithTheProductButNoPlanIsReportedAsNoneAndOnAPlanWithItsStatus() throws Exception {
		assertThat(billingStatus(details(null))).isEqualTo("NONE");

		subscribe();

		assertThat(billingStatus(details(null))).isEqualTo("ACTIVE");
	}

	@Test
	void aSuspensionChangesTheEtagAndTheAnswerAndPaymentTurnsItBack() throws Exception {
		subscribe();
		HttpResponse<String> active = details(null);
		String etag = active.headers().firstValue("ETag").orElseThrow();
		assertThat(billingStatus(active)).isEqualTo("ACTIVE");
		assertThat(details(etag).statusCode()).isEqualTo(304);

		this.clock.set(ISSUED.plus(Duration.ofDays(22)));
		this.renewals.run();

		HttpResponse<String> suspended = details(etag);
		assertThat(suspended.statusCode()).isEqualTo(200);
		assertThat(billingStatus(suspended)).isEqualTo("SUSPENDED");
		String suspendedEtag = suspended.headers().firstValue("ETag").orElseThrow();
		assertThat(suspendedEtag).isNotEqualTo(etag);

		this.payments.recordManual(this.fixtures.platformAdmin().id(), "admin",
				this.invoices.ofTeam(this.team.id()).get(0).id(), "1000", "BANK-API");

		HttpResponse<String> restored = details(suspendedEtag);
		assertThat(restored.statusCode()).isEqualTo(200);
		assertThat(billingStatus(restored)).isEqualTo("ACTIVE");
	}

	@Test
	void theBillingStatusCostsNoStatementOfItsOwn() throws Exception {
		subscribe();
		details(null);

		this.statements.start();
		HttpResponse<String> answer = details(null);
		List<RecordedStatements.Statement> ran = this.statements.stop();

		assertThat(billingStatus(answer)).isEqualTo("ACTIVE");
		// warm: the billing status is cached with the member's privileges (evicted by every change of it), no statement
		assertThat(ran).extracting(RecordedStatements.Statement::name)
			.noneMatch((id) -> id.startsWith("BillingSubscriptionMapper."))
			.noneMatch((id) -> id.startsWith("ApiMapper."));
	}

	private void subscribe() {
		this.subscriptions.subscribe(this.team.owner().id(), "owner", this.team.id(), this.plan.id().toString(), "1");
	}

	private HttpResponse<String> details(String ifNoneMatch) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/users/" + this.team.owner().id()
					+ "/details?teamId=" + this.team.id()))
			.header("Authorization", "Bearer " + this.key);
		if (ifNoneMatch != null) {
			request.header("If-None-Match", ifNoneMatch);
		}
		return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String billingStatus(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = JsonMapper.builder().build().readTree(response.body());
		return body.path("subscription").path("billingStatus").asString();
	}

}
