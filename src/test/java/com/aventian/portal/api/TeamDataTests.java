package com.aventian.portal.api;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.api.ApiFixture.Product;
import com.aventian.portal.rbac.Authorization;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.aventian.portal.api.ApiHttp.code;
import static com.aventian.portal.api.ApiHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The management calls: a product registers, renames and deletes its resources of a team (its own types
 * only), lists the members with the roles it may see, and writes its audit events; a product never reaches
 * another product's data nor a team without an association.
 */
@PortalTest
class TeamDataTests {

	@LocalServerPort
	int port;

	@Autowired
	ApiFixture fixture;

	@Autowired
	TestUsers users;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Authorization authorization;

	Product crm;

	Product other;

	ApiHttp crmApi;

	ApiHttp otherApi;

	User owner;

	User ann;

	User bob;

	UUID team;

	UUID teamWithoutCrm;

	String read;

	String othersSecret;

	@BeforeEach
	void givenATeamWithTwoProducts() {
		this.crm = this.fixture.product();
		this.other = this.fixture.product();
		this.read = this.fixture.privilege(this.crm, "contact.read");
		this.othersSecret = this.fixture.privilege(this.other, "contact.secret");
		this.crmApi = new ApiHttp(this.port, this.fixture.key(this.crm));
		this.otherApi = new ApiHttp(this.port, this.fixture.key(this.other));
		this.owner = this.users.create("Olga Owner");
		this.ann = this.users.create("Ann Reader");
		this.bob = this.users.create("Bob Other");
		this.team = this.users.team("Data " + UUID.randomUUID(), this.owner, this.ann, "Viewer", this.bob, "Viewer");
		this.teamWithoutCrm = this.users.team("Elsewhere " + UUID.randomUUID(), this.owner);
		this.fixture.associate(this.team, this.crm);
		this.fixture.associate(this.team, this.other);
		this.fixture.associate(this.teamWithoutCrm, this.other);
	}

	String resources(UUID teamId) {
		return "/api/v1/teams/" + teamId + "/resources";
	}

	HttpResponse<String> register(ApiHttp api, UUID teamId, String type, String externalId, String name) {
		return api.post(resources(teamId), "{\"type\":\"" + type + "\",\"externalId\":\"" + externalId + "\",\"name\":\"" + name + "\"}");
	}

	long auditEvents(String action) {
		return this.jdbc.queryForObject("select count(*) from aventian_audit.tbl_audit_events where team_id = ? and action = ?",
				Long.class, this.team, action);
	}

	@Nested
	class Resources {

		@Test
		void aProductRegistersRenamesAndDeletesItsResourceEachAudited() {
			HttpResponse<String> created = register(TeamDataTests.this.crmApi, TeamDataTests.this.team, "contact", "c-1", "ACME");
			assertThat(created.statusCode()).isEqualTo(201);
			String id = json(created).path("id").asString();
			assertThat(created.headers().firstValue("Location")).contains(resources(TeamDataTests.this.team) + "/" + id);

			HttpResponse<String> renamed = TeamDataTests.this.crmApi.send("PATCH", resources(TeamDataTests.this.team) + "/" + id,
					"application/json", "{\"name\":\"ACME Corp\"}");
			assertThat(renamed.statusCode()).isEqualTo(200);
			assertThat(json(TeamDataTests.this.crmApi.get(resources(TeamDataTests.this.team))).path("resources").get(0)
				.path("name").asString()).isEqualTo("ACME Corp");

			HttpResponse<String> deleted = TeamDataTests.this.crmApi.send("DELETE", resources(TeamDataTests.this.team) + "/" + id, null, null);
			assertThat(deleted.statusCode()).isEqualTo(204);
			assertThat(json(TeamDataTests.this.crmApi.get(resources(TeamDataTests.this.team))).path("resources").isEmpty()).isTrue();
			assertThat(auditEvents("RESOURCE_REGISTERED")).isEqualTo(1);
			assertThat(auditEvents("RESOURCE_RENAMED")).isEqualTo(1);
			assertThat(auditEvents("RESOURCE_DELETED")).isEqualTo(1);
		}

		@Test
		void aTypeTheProductDoesNotAllowIsRefused() {
			HttpResponse<String> response = register(TeamDataTests.this.crmApi, TeamDataTests.this.team, "invoice", "i-1", "Invoice");

			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(code(response)).isEqualTo("resource_type_not_allowed");
		}

		@Test
		void registeringTheSameExternalIdTwiceIs409() {
			register(TeamDataTests.this.crmApi, TeamDataTests.this.team, "contact", "dup", "One");

			HttpResponse<String> again = register(TeamDataTests.this.crmApi, TeamDataTests.this.team, "contact", "dup", "Two");

			assertThat(again.statusCode()).isEqualTo(409);
			assertThat(code(again)).isEqualTo("resource_exists");
		}

		@Test
		void anotherProductNeitherSeesNorChangesTheResource() {
			String id = json(register(TeamDataTests.this.crmApi, TeamDataTests.this.team, "contact", "mine", "Mine")).path("id").asString();

			HttpResponse<String> list = TeamDataTests.this.otherApi.get(resources(TeamDataTests.this.team));
			HttpResponse<String> rename = TeamDataTests.this.otherApi.send("PATCH", resources(TeamDataTests.this.team) + "/" + id,
					"application/json", "{\"name\":\"Taken\"}");
			HttpResponse<String> delete = TeamDataTests.this.otherApi.send("DELETE", resources(TeamDataTests.this.team) + "/" + id, null, null);

			assertThat(json(list).path("resources").isEmpty()).isTrue();
			assertThat(rename.statusCode()).isEqualTo(404);
			assertThat(delete.statusCode()).isEqualTo(404);
			assertThat(TeamDataTests.this.jdbc.queryForObject("select display_name from aventian.tbl_resources where id = ?::uuid",
					String.class, id)).isEqualTo("Mine");
		}

		@Test
		void aTeamWithoutTheProductIs404ForEveryCall() {
			assertThat(TeamDataTests.this.crmApi.get(resources(TeamDataTests.this.teamWithoutCrm)).statusCode()).isEqualTo(404);
			assertThat(register(TeamDataTests.this.crmApi, TeamDataTests.this.teamWithoutCrm, "contact", "x", "X").statusCode())
				.isEqualTo(404);
			assertThat(TeamDataTests.this.crmApi.get("/api/v1/teams/" + TeamDataTests.this.teamWithoutCrm + "/members").statusCode())
				.isEqualTo(404);
		}

		@Test
		void deletingAResourceTakesItsScopedGrantsAwayAtOnce() {
			String id = json(register(TeamDataTests.this.crmApi, TeamDataTests.this.team, "contact", "scoped", "Scoped")).path("id").asString();
			UUID reader = TeamDataTests.this.fixture.role(TeamDataTests.this.team, "Reader", false, true, TeamDataTests.this.read);
			TeamDataTests.this.fixture.grant(TeamDataTests.this.team, TeamDataTests.this.ann.id(), reader, UUID.fromString(id));
			assertThat(TeamDataTests.this.authorization.can(TeamDataTests.this.ann.id(), TeamDataTests.this.team, TeamDataTests.this.read,
					UUID.fromString(id))).isTrue();

			TeamDataTests.this.crmApi.send("DELETE", resources(TeamDataTests.this.team) + "/" + id, null, null);

			assertThat(TeamDataTests.this.authorization.of(TeamDataTests.this.ann.id(), TeamDataTests.this.team).grants())
				.noneMatch((grant) -> TeamDataTests.this.read.equals(grant.privilege()));
		}

	}

	@Nested
	class Members {

		@Test
		void membersComePagedWithTheRolesTheProductMaySee() {
			UUID reader = TeamDataTests.this.fixture.role(TeamDataTests.this.team, "Reader", false, true, TeamDataTests.this.read);
			UUID secret = TeamDataTests.this.fixture.role(TeamDataTests.this.team, "Other's secret role", false, true,
					TeamDataTests.this.othersSecret);
			TeamDataTests.this.fixture.grant(TeamDataTests.this.team, TeamDataTests.this.ann.id(), reader, null);
			TeamDataTests.this.fixture.grant(TeamDataTests.this.team, TeamDataTests.this.bob.id(), secret, null);

			HttpResponse<String> first = TeamDataTests.this.crmApi.get("/api/v1/teams/" + TeamDataTests.this.team + "/members?size=2");
			HttpResponse<String> second = TeamDataTests.this.crmApi.get("/api/v1/teams/" + TeamDataTests.this.team + "/members?size=2&page=2");

			assertThat(json(first).path("total").asLong()).isEqualTo(3);
			assertThat(json(first).path("members").size()).isEqualTo(2);
			assertThat(json(second).path("members").size()).isEqualTo(1);
			assertThat(first.body() + second.body()).contains("Reader").doesNotContain("Other's secret role");
		}

		@Test
		void membersFilterByPrivilegeAndByRole() {
			UUID reader = TeamDataTests.this.fixture.role(TeamDataTests.this.team, "Reader", false, true, TeamDataTests.this.read);
			TeamDataTests.this.fixture.grant(TeamDataTests.this.team, TeamDataTests.this.ann.id(), reader, null);

			JsonNode byPrivilege = json(TeamDataTests.this.crmApi
				.get("/api/v1/teams/" + TeamDataTests.this.team + "/members?privilege=" + TeamDataTests.this.read));
			JsonNode byRole = json(TeamDataTests.this.crmApi.get("/api/v1/teams/" + TeamDataTests.this.team + "/members?roleId=" + reader));
			HttpResponse<String> foreign = TeamDataTests.this.crmApi
				.get("/api/v1/teams/" + TeamDataTests.this.team + "/members?privilege=" + TeamDataTests.this.othersSecret);

			assertThat(byPrivilege.path("members").valueStream().map((m) -> m.path("email").asString()))
				.containsExactly(TeamDataTests.this.ann.email());
			assertThat(byRole.path("members").valueStream().map((m) -> m.path("email").asString()))
				.containsExactly(TeamDataTests.this.ann.email());
			assertThat(foreign.statusCode()).isEqualTo(400);
			assertThat(code(foreign)).isEqualTo("foreign_privilege");
		}

	}

	@Nested
	class AuditEvents {

		@Test
		void aProductsEventIsStoredAttributedToTheProductAndTheActingMember() {
			HttpResponse<String> response = TeamDataTests.this.crmApi.post("/api/v1/audit-events", "{\"teamId\":\"" + TeamDataTests.this.team
					+ "\",\"actorUserId\":\"" + TeamDataTests.this.ann.id() + "\",\"action\":\"CONTACT_EXPORTED\",\"targetType\":\"contact\","
					+ "\"targetId\":\"c-42\",\"details\":{\"rows\":12}}");

			assertThat(response.statusCode()).isEqualTo(201);
			String action = TeamDataTests.this.crm.code().toUpperCase() + "_CONTACT_EXPORTED";
			assertThat(json(response).path("action").asString()).isEqualTo(action);
			Map<String, Object> row = TeamDataTests.this.jdbc.queryForMap("select actor_user_id, actor_email, product_id, target_id, "
					+ "details::text as details from aventian_audit.tbl_audit_events where team_id = ? and action = ?",
					TeamDataTests.this.team, action);
			assertThat(row.get("actor_user_id")).isEqualTo(TeamDataTests.this.ann.id());
			assertThat(row.get("actor_email")).isEqualTo(TeamDataTests.this.ann.email());
			assertThat(row.get("product_id")).isEqualTo(TeamDataTests.this.crm.id());
			assertThat(row.get("target_id")).isEqualTo("c-42");
			assertThat((String) row.get("details")).contains("\"rows\": 12");
		}

		@Test
		void anActorWhoIsNotAMemberIs404AndNothingIsWritten() {
			User stranger = TeamDataTests.this.users.create("Stranger");

			HttpResponse<String> response = TeamDataTests.this.crmApi.post("/api/v1/audit-events", "{\"teamId\":\"" + TeamDataTests.this.team
					+ "\",\"actorUserId\":\"" + stranger.id() + "\",\"action\":\"CONTACT_EXPORTED\"}");

			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(code(response)).isEqualTo("user_not_found");
			assertThat(auditEvents(TeamDataTests.this.crm.code().toUpperCase() + "_CONTACT_EXPORTED")).isZero();
		}

		@Test
		void anEventForATeamWithoutTheProductIs404() {
			HttpResponse<String> response = TeamDataTests.this.crmApi.post("/api/v1/audit-events",
					"{\"teamId\":\"" + TeamDataTests.this.teamWithoutCrm + "\",\"action\":\"CONTACT_EXPORTED\"}");

			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(code(response)).isEqualTo("team_not_found");
		}

	}

}
