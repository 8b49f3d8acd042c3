package com.aventian.portal.api;

import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.api.ApiFixture.Product;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.aventian.portal.api.ApiHttp.code;
import static com.aventian.portal.api.ApiHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and careless input: malformed UUIDs, unknown fields, 1 MB bodies, 101 checks, a wrong content
 * type. Each is a 4xx problem detail with its code, and nothing is written.
 */
@PortalTest
class ApiBadInputTests {

	@LocalServerPort
	int port;

	@Autowired
	ApiFixture fixture;

	@Autowired
	TestUsers users;

	@Autowired
	JdbcTemplate jdbc;

	ApiHttp api;

	User owner;

	UUID team;

	@BeforeEach
	void givenAProductAndATeamThatHasIt() {
		Product product = this.fixture.product();
		this.api = new ApiHttp(this.port, this.fixture.key(product));
		this.owner = this.users.create("Olga Owner");
		this.team = this.users.team("Bad input " + UUID.randomUUID(), this.owner);
		this.fixture.associate(this.team, product);
	}

	String check(String userId, String teamId) {
		return "{\"userId\":\"" + userId + "\",\"teamId\":\"" + teamId + "\",\"privilege\":\"team.read\"}";
	}

	long auditRowsOfTeam() {
		return this.jdbc.queryForObject("select count(*) from aventian_audit.tbl_audit_events where team_id = ?", Long.class,
				this.team);
	}

	long resourcesOfTeam() {
		return this.jdbc.queryForObject("select count(*) from aventian.tbl_resources where team_id = ?", Long.class, this.team);
	}

	@Test
	void malformedUuidsInPathQueryAndBodyAre400() {
		HttpResponse<String> inPath = this.api.get("/api/v1/users/not-a-uuid/details?teamId=" + this.team);
		HttpResponse<String> inQuery = this.api.get("/api/v1/users/" + this.owner.id() + "/details?teamId=1234");
		HttpResponse<String> inBody = this.api.post("/api/v1/authorize", check("nope", this.team.toString()));
		HttpResponse<String> teamInPath = this.api.get("/api/v1/teams/%27or%201=1--/members");

		assertThat(inPath.statusCode()).isEqualTo(400);
		assertThat(code(inPath)).isEqualTo("malformed_uuid");
		assertThat(code(inQuery)).isEqualTo("malformed_uuid");
		assertThat(inBody.statusCode()).isEqualTo(400);
		assertThat(code(inBody)).isEqualTo("malformed_uuid");
		assertThat(json(inBody).path("detail").asString()).contains("userId");
		assertThat(teamInPath.statusCode()).isEqualTo(400);
	}

	@Test
	void unknownFieldsAre400AndNamed() {
		String misspelt = "{\"userId\":\"" + this.owner.id() + "\",\"teamId\":\"" + this.team
				+ "\",\"privilege\":\"team.read\",\"resourceID\":\"" + UUID.randomUUID() + "\"}";

		HttpResponse<String> response = this.api.post("/api/v1/authorize", misspelt);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(code(response)).isEqualTo("unknown_field");
		assertThat(json(response).path("detail").asString()).contains("resourceID");
	}

	@Test
	void malformedJsonAndMissingFieldsAre400() {
		HttpResponse<String> broken = this.api.post("/api/v1/authorize", "{\"userId\":");
		HttpResponse<String> missing = this.api.post("/api/v1/authorize", "{\"teamId\":\"" + this.team + "\"}");
		HttpResponse<String> trailing = this.api.post("/api/v1/authorize", check(this.owner.id().toString(), this.team.toString()) + " {}");

		assertThat(code(broken)).isEqualTo("malformed_json");
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(code(missing)).isEqualTo("invalid_request");
		assertThat(json(missing).path("errors").valueStream().map((e) -> e.path("field").asString())).contains("userId", "privilege");
		assertThat(trailing.statusCode()).isEqualTo(400);
	}

	@Test
	void aOneMegabyteBodyIs413AndNothingIsWritten() {
		long before = auditRowsOfTeam();
		String huge = "{\"teamId\":\"" + this.team + "\",\"action\":\"EXPORTED\",\"details\":{\"blob\":\"" + "x".repeat(1024 * 1024)
				+ "\"}}";

		HttpResponse<String> response = this.api.post("/api/v1/audit-events", huge);

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(code(response)).isEqualTo("body_too_large");
		assertThat(auditRowsOfTeam()).isEqualTo(before);
	}

	@Test
	void aOneMegabyteBodySentInChunksIs413Too() {
		long before = resourcesOfTeam();
		String huge = "{\"type\":\"contact\",\"externalId\":\"big\",\"name\":\"" + "x".repeat(1024 * 1024) + "\"}";

		HttpResponse<String> response = this.api.sendChunked("/api/v1/teams/" + this.team + "/resources", huge);

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(code(response)).isEqualTo("body_too_large");
		assertThat(resourcesOfTeam()).isEqualTo(before);
	}

	@Test
	void auditDetailsOverTheirLimitAre400AndNothingIsWritten() {
		long before = auditRowsOfTeam();
		String big = "{\"teamId\":\"" + this.team + "\",\"action\":\"EXPORTED\",\"details\":{\"blob\":\"" + "x".repeat(5000) + "\"}}";

		HttpResponse<String> response = this.api.post("/api/v1/audit-events", big);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(code(response)).isEqualTo("details_too_large");
		assertThat(auditRowsOfTeam()).isEqualTo(before);
	}

	@Test
	void a101CheckBatchIs400AndA100CheckBatchIsAnswered() {
		String check = check(this.owner.id().toString(), this.team.toString());
		String hundred = IntStream.range(0, 100).mapToObj((i) -> check).collect(Collectors.joining(",", "{\"checks\":[", "]}"));
		String hundredAndOne = IntStream.range(0, 101).mapToObj((i) -> check).collect(Collectors.joining(",", "{\"checks\":[", "]}"));

		HttpResponse<String> tooMany = this.api.post("/api/v1/authorize/batch", hundredAndOne);
		HttpResponse<String> full = this.api.post("/api/v1/authorize/batch", hundred);

		assertThat(tooMany.statusCode()).isEqualTo(400);
		assertThat(code(tooMany)).isEqualTo("batch_size");
		assertThat(full.statusCode()).isEqualTo(200);
		assertThat(json(full).path("results").size()).isEqualTo(100);
	}

	@Test
	void aWrongContentTypeIs415AndNothingIsWritten() {
		long before = resourcesOfTeam();

		HttpResponse<String> form = this.api.send("POST", "/api/v1/teams/" + this.team + "/resources",
				"application/x-www-form-urlencoded", "type=contact&externalId=a&name=A");
		HttpResponse<String> text = this.api.send("POST", "/api/v1/authorize", "text/plain",
				check(this.owner.id().toString(), this.team.toString()));

		assertThat(form.statusCode()).isEqualTo(415);
		assertThat(code(form)).isEqualTo("unsupported_media_type");
		assertThat(text.statusCode()).isEqualTo(415);
		assertThat(resourcesOfTeam()).isEqualTo(before);
	}

	@Test
	void invalidValuesAreRefusedWithTheFieldNamed() {
		HttpResponse<String> action = this.api.post("/api/v1/audit-events",
				"{\"teamId\":\"" + this.team + "\",\"action\":\"drop table\"}");
		HttpResponse<String> type = this.api.post("/api/v1/teams/" + this.team + "/resources",
				"{\"type\":\"Not A Type\",\"externalId\":\"a\",\"name\":\"A\"}");

		assertThat(code(action)).isEqualTo("invalid_request");
		assertThat(json(action).path("errors").valueStream().map((e) -> e.path("field").asString())).contains("action");
		assertThat(code(type)).isEqualTo("invalid_request");
	}

}
