package com.aventian.portal.api;

import java.net.http.HttpResponse;
import java.util.UUID;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.AccountService;
import com.aventian.portal.account.User;
import com.aventian.portal.api.ApiFixture.Product;
import com.aventian.portal.rbac.RoleAssignments;
import com.aventian.portal.team.MembershipService;
import com.aventian.portal.team.MembershipService.Actor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static com.aventian.portal.api.ApiHttp.code;
import static com.aventian.portal.api.ApiHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * GetUserDetails and authorize for the cases: a team-wide grant, a scoped grant (its resource and
 * another), an invisible system role (present, flagged), a removed member, a disabled user, another
 * product's privilege (never shown), a foreign team (404), a revoked key (401), and the ETag.
 */
@PortalTest
class ProductAuthorizationTests {

	@LocalServerPort
	int port;

	@Autowired
	ApiFixture fixture;

	@Autowired
	TestUsers users;

	@Autowired
	MembershipService memberships;

	@Autowired
	RoleAssignments assignments;

	@Autowired
	AccountService accounts;

	Product crm;

	Product other;

	ApiHttp api;

	User owner;

	User ann;

	User bob;

	User sam;

	User lee;

	User dora;

	UUID team;

	UUID teamWithoutCrm;

	UUID acme;

	UUID globex;

	UUID othersResource;

	String read;

	String write;

	String support;

	String othersSecret;

	@BeforeEach
	void givenATeamOfTheProductWithEveryKindOfGrant() {
		this.crm = this.fixture.product();
		this.other = this.fixture.product();
		this.read = this.fixture.privilege(this.crm, "contact.read");
		this.write = this.fixture.privilege(this.crm, "contact.write");
		this.support = this.fixture.privilege(this.crm, "support");
		this.othersSecret = this.fixture.privilege(this.other, "contact.secret");
		this.api = new ApiHttp(this.port, this.fixture.key(this.crm));
		this.owner = this.users.create("Olga Owner");
		this.ann = this.users.create("Ann Teamwide");
		this.bob = this.users.create("Bob Scoped");
		this.sam = this.users.create("Sam Service");
		this.lee = this.users.create("Lee Leaving");
		this.dora = this.users.create("Dora Disabled");
		this.team = this.users.team("Api " + UUID.randomUUID(), this.owner, this.ann, "Member", this.bob, "Viewer",
				this.sam, "Viewer", this.lee, "Viewer", this.dora, "Member");
		this.teamWithoutCrm = this.users.team("No CRM " + UUID.randomUUID(), this.owner, this.ann, "Member");
		this.fixture.associate(this.team, this.crm);
		this.fixture.associate(this.team, this.other);
		this.fixture.associate(this.teamWithoutCrm, this.other);
		this.acme = this.fixture.resource(this.team, this.crm, "contact", "ACME");
		this.globex = this.fixture.resource(this.team, this.crm, "contact", "Globex");
		this.othersResource = this.fixture.resource(this.team, this.other, "contact", "Other's contact");

		UUID editor = this.fixture.role(this.team, "Editor", false, true, this.read, this.write, this.othersSecret);
		UUID sales = this.fixture.role(this.team, "Sales", false, true, this.read);
		UUID serviceAccount = this.fixture.role(this.team, "Service account", true, false, this.support);
		UUID othersOnly = this.fixture.role(this.team, "Other product's auditor", false, true, this.othersSecret);
		this.fixture.grant(this.team, this.ann.id(), editor, null);
		this.fixture.grant(this.team, this.ann.id(), othersOnly, null);
		this.fixture.grant(this.team, this.bob.id(), sales, this.acme);
		this.fixture.grant(this.team, this.sam.id(), serviceAccount, null);
		this.fixture.grant(this.team, this.dora.id(), editor, null);
		this.fixture.grant(this.team, this.lee.id(), sales, null);
	}

	void disableDora() {
		this.accounts.grantPlatformAdmin(this.owner.id());
		this.accounts.disable(this.dora.id(), this.owner.id());
	}

	HttpResponse<String> details(User user, UUID teamId, String... headers) {
		return this.api.get("/api/v1/users/" + user.id() + "/details?teamId=" + teamId, headers);
	}

	HttpResponse<String> authorize(User user, UUID teamId, String privilege, UUID resourceId) {
		return this.api.post("/api/v1/authorize", check(user, teamId, privilege, resourceId));
	}

	static String check(User user, UUID teamId, String privilege, UUID resourceId) {
		return "{\"userId\":\"" + user.id() + "\",\"teamId\":\"" + teamId + "\",\"privilege\":\"" + privilege + "\""
				+ ((resourceId == null) ? "" : ",\"resourceId\":\"" + resourceId + "\"") + "}";
	}

	@Nested
	class GetUserDetails {

		@Test
		void aTeamWideGrantShowsItsRoleAndPrivilegesTeamWideAndNothingOfAnotherProduct() {
			HttpResponse<String> response = details(ProductAuthorizationTests.this.ann, ProductAuthorizationTests.this.team);

			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode body = json(response);
			assertThat(body.path("user").path("email").asString()).isEqualTo(ProductAuthorizationTests.this.ann.email());
			assertThat(body.path("user").path("status").asString()).isEqualTo("ACTIVE");
			assertThat(body.path("team").path("id").asString()).isEqualTo(ProductAuthorizationTests.this.team.toString());
			assertThat(body.path("subscription").path("product").asString()).isEqualTo(ProductAuthorizationTests.this.crm.code());
			assertThat(body.path("subscription").path("status").asString()).isEqualTo("ACTIVE");
			// the team has the product on no plan
			assertThat(body.path("subscription").path("billingStatus").asString()).isEqualTo("NONE");
			assertThat(body.path("roles").valueStream().map((r) -> r.path("name").asString())).contains("Editor", "Member")
				.doesNotContain("Other product's auditor");
			assertThat(body.path("privileges").valueStream().filter((p) -> p.path("code").asString().equals(ProductAuthorizationTests.this.write)))
				.singleElement()
				.satisfies((p) -> assertThat(p.path("teamWide").asBoolean()).isTrue());
			assertThat(body.path("privileges").valueStream().map((p) -> p.path("code").asString())).contains("team.read");
			assertThat(response.body()).doesNotContain(ProductAuthorizationTests.this.othersSecret)
				.doesNotContain(ProductAuthorizationTests.this.other.code());
		}

		@Test
		void aScopedGrantShowsItsResourceAndIsNotTeamWide() {
			JsonNode body = json(details(ProductAuthorizationTests.this.bob, ProductAuthorizationTests.this.team));

			JsonNode read = body.path("privileges").valueStream()
				.filter((p) -> p.path("code").asString().equals(ProductAuthorizationTests.this.read))
				.findFirst()
				.orElseThrow();
			assertThat(read.path("teamWide").asBoolean()).isFalse();
			assertThat(read.path("resources").valueStream().map((r) -> r.path("id").asString()))
				.containsExactly(ProductAuthorizationTests.this.acme.toString());
			assertThat(body.path("roles").valueStream().filter((r) -> r.path("name").asString().equals("Sales")))
				.singleElement()
				.satisfies((r) -> assertThat(r.path("resource").path("name").asString()).isEqualTo("ACME"));
		}

		@Test
		void anInvisibleSystemRoleIsPresentAndFlagged() {
			JsonNode body = json(details(ProductAuthorizationTests.this.sam, ProductAuthorizationTests.this.team));

			assertThat(body.path("roles").valueStream().filter((r) -> r.path("name").asString().equals("Service account")))
				.singleElement()
				.satisfies((r) -> {
					assertThat(r.path("system").asBoolean()).isTrue();
					assertThat(r.path("visible").asBoolean()).isFalse();
				});
		}

		@Test
		void aMemberWhoLeftIs404() {
			// he holds a product privilege the owner lacks, so he leaves rather than being removed
			ProductAuthorizationTests.this.memberships.leave(new Actor(ProductAuthorizationTests.this.lee.id(),
					ProductAuthorizationTests.this.lee.email()), ProductAuthorizationTests.this.team);

			HttpResponse<String> response = details(ProductAuthorizationTests.this.lee, ProductAuthorizationTests.this.team);

			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(code(response)).isEqualTo("user_not_found");
			assertThat(response.body()).doesNotContain(ProductAuthorizationTests.this.lee.email());
		}

		@Test
		void aDisabledUserHasNoRolesAndNoPrivileges() {
			disableDora();

			JsonNode body = json(details(ProductAuthorizationTests.this.dora, ProductAuthorizationTests.this.team));

			assertThat(body.path("user").path("status").asString()).isEqualTo("DISABLED");
			assertThat(body.path("roles").isEmpty()).isTrue();
			assertThat(body.path("privileges").isEmpty()).isTrue();
		}

		@Test
		void aTeamWithoutTheProductAndAnUnknownTeamAre404() {
			HttpResponse<String> foreign = details(ProductAuthorizationTests.this.ann, ProductAuthorizationTests.this.teamWithoutCrm);
			HttpResponse<String> unknown = details(ProductAuthorizationTests.this.ann, UUID.randomUUID());

			assertThat(foreign.statusCode()).isEqualTo(404);
			assertThat(code(foreign)).isEqualTo("team_not_found");
			assertThat(foreign.body()).doesNotContain(ProductAuthorizationTests.this.ann.email());
			assertThat(unknown.statusCode()).isEqualTo(404);
		}

		@Test
		void anUnknownUserIs404() {
			HttpResponse<String> response = ProductAuthorizationTests.this.api
				.get("/api/v1/users/" + UUID.randomUUID() + "/details?teamId=" + ProductAuthorizationTests.this.team);

			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(code(response)).isEqualTo("user_not_found");
		}

		@Test
		void aRevokedKeyIs401() {
			HttpResponse<String> response = ProductAuthorizationTests.this.api.withKey("avn_revokedOrNeverMade")
				.get("/api/v1/users/" + ProductAuthorizationTests.this.ann.id() + "/details?teamId=" + ProductAuthorizationTests.this.team);

			assertThat(response.statusCode()).isEqualTo(401);
		}

		@Test
		void theStrongEtagGives304UntilAGrantChangesTheAnswer() {
			HttpResponse<String> first = details(ProductAuthorizationTests.this.bob, ProductAuthorizationTests.this.team);
			String etag = first.headers().firstValue("ETag").orElseThrow();
			assertThat(etag).startsWith("\"").doesNotStartWith("W/");
			assertThat(first.headers().firstValue("Cache-Control")).hasValueSatisfying(
					(value) -> assertThat(value).contains("no-cache").contains("private"));

			HttpResponse<String> again = details(ProductAuthorizationTests.this.bob, ProductAuthorizationTests.this.team, "If-None-Match", etag);
			assertThat(again.statusCode()).isEqualTo(304);
			assertThat(again.body()).isEmpty();

			UUID admin = ProductAuthorizationTests.this.users.roleId(ProductAuthorizationTests.this.team, "Admin");
			// (a grant added, not a role changed: Bob holds CRM privileges narrowed to a resource that the owner
			// lacks, and nobody changes the roles of a member holding what they do not hold)
			ProductAuthorizationTests.this.assignments.assign(new Actor(ProductAuthorizationTests.this.owner.id(),
					ProductAuthorizationTests.this.owner.email()), ProductAuthorizationTests.this.team,
					ProductAuthorizationTests.this.bob.id(), admin, null);

			HttpResponse<String> changed = details(ProductAuthorizationTests.this.bob, ProductAuthorizationTests.this.team, "If-None-Match", etag);
			assertThat(changed.statusCode()).isEqualTo(200);
			assertThat(changed.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
			assertThat(json(changed).path("roles").valueStream().map((r) -> r.path("name").asString())).contains("Admin");
		}

	}

	@Nested
	class Authorize {

		@Test
		void aTeamWideGrantAllowsWithTheRoleNamed() {
			JsonNode answer = json(authorize(ProductAuthorizationTests.this.ann, ProductAuthorizationTests.this.team,
					ProductAuthorizationTests.this.write, null));

			assertThat(answer.path("allowed").asBoolean()).isTrue();
			assertThat(answer.path("reason").asString()).isEqualTo("Role Editor (team-wide) grants " + ProductAuthorizationTests.this.write);
		}

		@Test
		void aScopedGrantAllowsOnItsResourceOnly() {
			JsonNode onAcme = json(authorize(ProductAuthorizationTests.this.bob, ProductAuthorizationTests.this.team,
					ProductAuthorizationTests.this.read, ProductAuthorizationTests.this.acme));
			JsonNode onGlobex = json(authorize(ProductAuthorizationTests.this.bob, ProductAuthorizationTests.this.team,
					ProductAuthorizationTests.this.read, ProductAuthorizationTests.this.globex));
			JsonNode teamWide = json(authorize(ProductAuthorizationTests.this.bob, ProductAuthorizationTests.this.team,
					ProductAuthorizationTests.this.read, null));

			assertThat(onAcme.path("allowed").asBoolean()).isTrue();
			assertThat(onAcme.path("reason").asString()).contains("Sales").contains("ACME");
			assertThat(onGlobex.path("allowed").asBoolean()).isFalse();
			assertThat(teamWide.path("allowed").asBoolean()).isFalse();
		}

		@Test
		void anInvisibleSystemRoleAllowsWithoutBeingNamed() {
			JsonNode answer = json(authorize(ProductAuthorizationTests.this.sam, ProductAuthorizationTests.this.team,
					ProductAuthorizationTests.this.support, null));

			assertThat(answer.path("allowed").asBoolean()).isTrue();
			assertThat(answer.path("reason").asString()).doesNotContain("Service account");
		}

		@Test
		void aMemberWhoLeftIsRefused() {
			// he holds a product privilege the owner lacks, so he leaves rather than being removed
			ProductAuthorizationTests.this.memberships.leave(new Actor(ProductAuthorizationTests.this.lee.id(),
					ProductAuthorizationTests.this.lee.email()), ProductAuthorizationTests.this.team);

			JsonNode answer = json(authorize(ProductAuthorizationTests.this.lee, ProductAuthorizationTests.this.team,
					ProductAuthorizationTests.this.read, null));

			assertThat(answer.path("allowed").asBoolean()).isFalse();
			assertThat(answer.path("reason").asString()).startsWith("Not a member");
		}

		@Test
		void aDisabledUserIsRefused() {
			assertThat(json(authorize(ProductAuthorizationTests.this.dora, ProductAuthorizationTests.this.team,
					ProductAuthorizationTests.this.read, null)).path("allowed").asBoolean()).isTrue();

			disableDora();

			JsonNode answer = json(authorize(ProductAuthorizationTests.this.dora, ProductAuthorizationTests.this.team,
					ProductAuthorizationTests.this.read, null));
			assertThat(answer.path("allowed").asBoolean()).isFalse();
			assertThat(answer.path("reason").asString()).contains("disabled");
		}

		@Test
		void anotherProductsPrivilegeIsRefusedWithoutSayingWhetherTheUserHoldsIt() {
			HttpResponse<String> response = authorize(ProductAuthorizationTests.this.ann, ProductAuthorizationTests.this.team,
					ProductAuthorizationTests.this.othersSecret, null);

			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(code(response)).isEqualTo("foreign_privilege");
			assertThat(response.body()).doesNotContain("allowed");
		}

		@Test
		void aForeignTeamIs404() {
			HttpResponse<String> response = authorize(ProductAuthorizationTests.this.ann, ProductAuthorizationTests.this.teamWithoutCrm,
					"team.read", null);

			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(code(response)).isEqualTo("team_not_found");
		}

		@Test
		void anotherProductsResourceIs404() {
			HttpResponse<String> response = authorize(ProductAuthorizationTests.this.ann, ProductAuthorizationTests.this.team,
					ProductAuthorizationTests.this.read, ProductAuthorizationTests.this.othersResource);

			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(code(response)).isEqualTo("resource_not_found");
		}

		@Test
		void aRevokedKeyIs401() {
			HttpResponse<String> response = ProductAuthorizationTests.this.api.withKey("avn_unknown")
				.post("/api/v1/authorize", check(ProductAuthorizationTests.this.ann, ProductAuthorizationTests.this.team, "team.read", null));

			assertThat(response.statusCode()).isEqualTo(401);
		}

		@Test
		void aBatchAnswersEachCheckInOrder() {
			String batch = "{\"checks\":[" + check(ProductAuthorizationTests.this.ann, ProductAuthorizationTests.this.team,
					ProductAuthorizationTests.this.write, null) + ","
					+ check(ProductAuthorizationTests.this.bob, ProductAuthorizationTests.this.team, ProductAuthorizationTests.this.read,
							ProductAuthorizationTests.this.globex) + ","
					+ check(ProductAuthorizationTests.this.bob, ProductAuthorizationTests.this.team, ProductAuthorizationTests.this.read,
							ProductAuthorizationTests.this.acme) + "]}";

			HttpResponse<String> response = ProductAuthorizationTests.this.api.post("/api/v1/authorize/batch", batch);

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(json(response).path("results").valueStream().map((r) -> r.path("allowed").asBoolean()))
				.containsExactly(true, false, true);
		}

	}

}
