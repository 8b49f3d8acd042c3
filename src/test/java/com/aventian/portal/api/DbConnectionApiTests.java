package com.aventian.portal.api;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.api.ApiFixture.Product;
import com.aventian.portal.provisioning.Subscriptions;
import com.aventian.portal.team.MembershipService.Actor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** {@code GET /api/v1/teams/{teamId}/db-connection}: a product gets its own team database, and nothing else. */
@PortalTest
class DbConnectionApiTests {

	@LocalServerPort
	int port;

	@Autowired
	ApiFixture fixture;

	@Autowired
	TestUsers users;

	@Autowired
	Subscriptions subscriptions;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	StringRedisTemplate redis;

	@Value("${aventian.provisioning.shared-database}")
	String sharedDatabase;

	Product product;

	ApiHttp api;

	User owner;

	UUID team;

	@BeforeEach
	void givenATeamSubscribedToAProductWithAKey() {
		this.product = this.fixture.product();
		this.api = new ApiHttp(this.port, this.fixture.key(this.product));
		this.owner = this.users.create("Owner");
		this.team = subscribedTeam(this.owner, this.product);
	}

	private UUID subscribedTeam(User owner, Product product) {
		UUID teamId = this.users.team("Team " + UUID.randomUUID().toString().substring(0, 6), owner);
		this.subscriptions.subscribe(new Actor(owner.id(), owner.email()), teamId, product.id());
		await().atMost(Duration.ofSeconds(60)).until(() -> "ACTIVE".equals(this.jdbc.queryForObject(
				"select status from aventian.tbl_team_product_assoc where team_id = ? and product_id = ?", String.class, teamId,
				product.id())));
		return teamId;
	}

	private HttpResponse<String> connectionOf(ApiHttp caller, UUID teamId) {
		return caller.get("/api/v1/teams/" + teamId + "/db-connection");
	}

	private static Connection connect(JsonNode body) throws SQLException {
		return DriverManager.getConnection(body.path("jdbcUrl").asString(), body.path("user").asString(),
				body.path("password").asString());
	}

	@Test
	void theProductGetsWorkingCredentialsOfItsTeamsDatabaseAndTheReadIsAudited() throws Exception {
		HttpResponse<String> response = connectionOf(this.api, this.team);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying((value) -> assertThat(value).contains("no-store"));
		JsonNode body = ApiHttp.json(response);
		assertThat(body.path("host").asString()).isNotBlank();
		assertThat(body.path("port").asInt()).isPositive();
		assertThat(body.path("jdbcUrl").asString())
			.isEqualTo("jdbc:postgresql://" + body.path("host").asString() + ":" + body.path("port").asInt() + "/"
					+ body.path("database").asString());
		try (Connection connection = connect(body); Statement statement = connection.createStatement()) {
			statement.execute("create table orders (id int primary key)");
			statement.execute("insert into orders values (1)");
		}
		assertThat(this.jdbc.queryForObject("select count(*) from aventian_audit.tbl_audit_events where action = "
				+ "'DB_CONNECTION_READ' and team_id = ? and product_id = ?", Integer.class, this.team, this.product.id())).isOne();
	}

	@Test
	void underSchemaIsolationTheAnswerNamesTheTeamsSchemaAndItsJdbcUrlSelectsIt() throws Exception {
		User owner = this.users.create("Owner");
		UUID teamId = this.users.team("Team " + UUID.randomUUID().toString().substring(0, 6), owner);
		// a subscription whose first run, on a portal set to SCHEMA isolation, recorded it and failed: the retry keeps it
		UUID subscription = this.jdbc.queryForObject("insert into aventian.tbl_team_product_assoc (team_id, product_id, status, "
				+ "failure_reason, attempts, isolation, tenant_database) values (?, ?, 'FAILED', 'the server was away', 1, "
				+ "'SCHEMA', ?) returning id", UUID.class, teamId, this.product.id(), this.sharedDatabase);
		this.subscriptions.retry(new Actor(owner.id(), owner.email()), teamId, subscription);
		await().atMost(Duration.ofSeconds(60)).until(() -> "ACTIVE".equals(this.jdbc.queryForObject(
				"select status from aventian.tbl_team_product_assoc where id = ?", String.class, subscription)));

		JsonNode body = ApiHttp.json(connectionOf(this.api, teamId));

		String schema = "avn_" + subscription.toString().replace("-", "");
		assertThat(body.path("database").asString()).isEqualTo(this.sharedDatabase);
		assertThat(body.path("schema").asString()).isEqualTo(schema);
		assertThat(body.path("jdbcUrl").asString())
			.isEqualTo("jdbc:postgresql://" + body.path("host").asString() + ":" + body.path("port").asInt() + "/"
					+ this.sharedDatabase + "?currentSchema=" + schema);
		try (Connection connection = connect(body); Statement statement = connection.createStatement()) {
			statement.execute("create table orders (id int primary key)");
			try (ResultSet rows = statement.executeQuery("select current_schema(), to_regclass('orders')::text")) {
				rows.next();
				assertThat(rows.getString(1)).isEqualTo(schema);
				assertThat(rows.getString(2)).isEqualTo("orders");
			}
		}
	}

	@Test
	void anotherTeamsCredentialsAreItsOwnAndCannotOpenThisTeamsDatabase() throws Exception {
		UUID otherTeam = subscribedTeam(this.users.create("Other"), this.product);
		JsonNode mine = ApiHttp.json(connectionOf(this.api, this.team));
		JsonNode theirs = ApiHttp.json(connectionOf(this.api, otherTeam));

		assertThat(theirs.path("database").asString()).isNotEqualTo(mine.path("database").asString());
		assertThatThrownBy(() -> DriverManager.getConnection(mine.path("jdbcUrl").asString(), theirs.path("user").asString(),
				theirs.path("password").asString()).close()).isInstanceOf(SQLException.class);
	}

	@Test
	void anotherProductsKeyIsRefusedForTheTeam() {
		Product other = this.fixture.product();
		ApiHttp otherProduct = new ApiHttp(this.port, this.fixture.key(other));

		HttpResponse<String> response = connectionOf(otherProduct, this.team);

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(ApiHttp.code(response)).isEqualTo("team_not_found");
		assertThat(response.body()).doesNotContain("password");
	}

	@Test
	void aTeamWithoutThisProductIsRefused() {
		UUID stranger = this.users.team("Stranger " + UUID.randomUUID().toString().substring(0, 6), this.users.create("S"));

		assertThat(connectionOf(this.api, stranger).statusCode()).isEqualTo(404);
		assertThat(connectionOf(this.api, UUID.randomUUID()).statusCode()).isEqualTo(404);
	}

	@Test
	void aSubscriptionStillProvisioningHasNoConnectionYet() {
		UUID waiting = this.users.team("Waiting " + UUID.randomUUID().toString().substring(0, 6), this.users.create("W"));
		this.jdbc.update("insert into aventian.tbl_team_product_assoc (team_id, product_id, status) values (?, ?, 'PROVISIONING')",
				waiting, this.product.id());

		HttpResponse<String> response = connectionOf(this.api, waiting);

		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(ApiHttp.code(response)).isEqualTo("subscription_not_active");
	}

	@Test
	void redisHoldsTheConnectionOnlyEncryptedUnderTheTeamsKeyAndLosesItOnCancellation() {
		JsonNode body = ApiHttp.json(connectionOf(this.api, this.team));
		String key = "team:dbconn:" + this.team;

		Object cached = this.redis.opsForHash().get(key, this.product.id().toString());
		assertThat(cached).isNotNull();
		assertThat((String) cached).doesNotContain(body.path("password").asString())
			.doesNotContain(body.path("user").asString())
			.doesNotContain("jdbc");

		UUID subscription = this.subscriptions.entry(this.team, this.product.id()).subscriptionId();
		this.subscriptions.cancel(new Actor(this.owner.id(), this.owner.email()), this.team, subscription);

		assertThat(this.redis.opsForHash().get(key, this.product.id().toString())).isNull();
		assertThat(connectionOf(this.api, this.team).statusCode()).isEqualTo(404);
	}

	@Test
	void aCachedReadServesTheSameCredentialsAndIsAuditedToo() {
		JsonNode first = ApiHttp.json(connectionOf(this.api, this.team));
		JsonNode second = ApiHttp.json(connectionOf(this.api, this.team));

		assertThat(second.path("password").asString()).isEqualTo(first.path("password").asString());
		assertThat(this.jdbc.queryForObject("select count(*) from aventian_audit.tbl_audit_events where action = "
				+ "'DB_CONNECTION_READ' and team_id = ?", Integer.class, this.team)).isEqualTo(2);
	}

}
