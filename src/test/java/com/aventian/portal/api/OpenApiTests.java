package com.aventian.portal.api;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.api.ApiFixture.Product;
import com.aventian.portal.provisioning.Subscriptions;
import com.aventian.portal.shared.web.ProductApiRoute;
import com.aventian.portal.team.MembershipService.Actor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static com.aventian.portal.api.ApiHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The OpenAPI description at {@code /api/v1/openapi.json} against the live API: it documents exactly the
 * API's operations (no more, no fewer), and each documented operation, called as documented (its path and
 * query parameters, its JSON body), answers with a status the description lists.
 */
@PortalTest
class OpenApiTests {

	@LocalServerPort
	int port;

	@Autowired
	Subscriptions subscriptions;

	@Autowired
	ApiFixture fixture;

	@Autowired
	TestUsers users;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	ApiHttp api;

	JsonNode document;

	User owner;

	UUID team;

	Product crm;

	String read;

	@BeforeEach
	void givenTheDescriptionAndATeamOfTheProduct() {
		Product crm = this.fixture.product();
		this.crm = crm;
		this.read = this.fixture.privilege(crm, "contact.read");
		this.api = new ApiHttp(this.port, this.fixture.key(crm));
		this.owner = this.users.create("Olga Owner");
		this.team = this.users.team("OpenAPI " + UUID.randomUUID(), this.owner);
		// subscribed for real, so the team's database exists and getDbConnection answers 200 like the rest
		this.subscriptions.subscribe(new Actor(this.owner.id(), this.owner.email()), this.team, crm.id());
		await().atMost(Duration.ofSeconds(60)).until(() -> "ACTIVE".equals(this.subscriptions.entry(this.team, crm.id()).status()));
		this.document = json(this.api.withKey(null).get("/api/v1/openapi.json"));
	}

	Set<String> documentedOperations() {
		Set<String> operations = new TreeSet<>();
		this.document.path("paths").properties().forEach((path) -> path.getValue().propertyNames()
			.forEach((method) -> operations.add(method.toUpperCase() + " " + path.getKey())));
		return operations;
	}

	@Test
	void theDescriptionDocumentsExactlyTheApisOperations() {
		Set<String> mapped = new TreeSet<>();
		this.mappings.getHandlerMethods().forEach((info, handler) -> {
			if (AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ProductApiRoute.class)
					|| handler.hasMethodAnnotation(ProductApiRoute.class)) {
				info.getPatternValues().forEach((pattern) -> info.getMethodsCondition().getMethods()
					.forEach((method) -> mapped.add(method.name() + " " + pattern)));
			}
		});

		assertThat(documentedOperations()).isEqualTo(mapped).hasSizeGreaterThanOrEqualTo(9);
		assertThat(this.document.path("components").path("securitySchemes").path("productKey").path("scheme").asString())
			.isEqualTo("bearer");
	}

	@Test
	void everyDocumentedOperationCalledAsDocumentedAnswersADocumentedStatus() {
		Set<String> called = new HashSet<>();
		this.document.path("paths").properties().forEach((path) -> path.getValue().properties().forEach((operation) -> {
			String method = operation.getKey().toUpperCase();
			JsonNode description = operation.getValue();
			String uri = uriOf(path.getKey(), description);
			String operationId = description.path("operationId").asString();
			String body = description.has("requestBody") ? bodyOf(operationId) : null;
			HttpResponse<String> response = this.api.send(method, uri, (body == null) ? null : "application/json", body);

			assertThat(description.path("responses").has(String.valueOf(response.statusCode())))
				.as(method + " " + uri + " answered " + response.statusCode() + " " + response.body())
				.isTrue();
			assertThat(response.statusCode()).as(method + " " + uri).isBetween(200, 299);
			HttpResponse<String> withoutKey = this.api.withKey(null).send(method, uri, (body == null) ? null : "application/json", body);
			assertThat(description.path("responses").has(String.valueOf(withoutKey.statusCode()))).as(method + " " + uri + " without key").isTrue();
			called.add(operationId);
		}));

		assertThat(called).containsExactlyInAnyOrder("ping", "getUserDetails", "authorize", "authorizeBatch", "listResources",
				"registerResource", "renameResource", "deleteResource", "listMembers", "writeAuditEvent", "getDbConnection");
	}

	private String uriOf(String template, JsonNode operation) {
		// a resource of its own for each call naming one (a delete must not take another call's resource)
		Map<String, String> values = new HashMap<>(Map.of("teamId", this.team.toString(), "userId", this.owner.id().toString(),
				"resourceId", this.fixture.resource(this.team, this.crm, "contact", "ACME").toString()));
		String uri = template;
		StringBuilder query = new StringBuilder();
		for (JsonNode parameter : operation.path("parameters")) {
			String name = parameter.path("name").asString();
			if ("path".equals(parameter.path("in").asString())) {
				uri = uri.replace("{" + name + "}", values.get(name));
			}
			else if (parameter.path("required").asBoolean()) {
				query.append(query.isEmpty() ? "?" : "&").append(name).append('=').append(values.get(name));
			}
		}
		return uri + query;
	}

	private String bodyOf(String operationId) {
		String check = "{\"userId\":\"" + this.owner.id() + "\",\"teamId\":\"" + this.team + "\",\"privilege\":\"team.read\"}";
		return switch (operationId) {
			case "authorize" -> check;
			case "authorizeBatch" -> "{\"checks\":[" + check + "]}";
			case "registerResource" -> "{\"type\":\"pipeline\",\"externalId\":\"" + UUID.randomUUID() + "\",\"name\":\"Q3\"}";
			case "renameResource" -> "{\"name\":\"ACME Corp\"}";
			case "writeAuditEvent" -> "{\"teamId\":\"" + this.team + "\",\"actorUserId\":\"" + this.owner.id()
					+ "\",\"action\":\"REPORT_VIEWED\",\"details\":{\"report\":\"q3\"}}";
			default -> throw new IllegalStateException("No body known for " + operationId + ": add one to this test");
		};
	}

	@Test
	void theDescriptionListsTheBillingStatusesOfGetUserDetails() {
		JsonNode billingStatus = this.document.path("components").path("schemas").path("SubscriptionView").path("properties")
			.path("billingStatus");

		assertThat(billingStatus.path("enum").valueStream().map(JsonNode::asString).toList())
			.containsExactly("TRIALING", "ACTIVE", "PAST_DUE", "SUSPENDED", "CANCELLED", "NONE");
	}

	@Test
	void theDescriptionListsTheBatchLimitAndTheRequiredFields() {
		JsonNode schemas = this.document.path("components").path("schemas");

		assertThat(schemas.path("Batch").path("properties").path("checks").path("maxItems").asInt()).isEqualTo(100);
		assertThat(List.copyOf(schemas.path("Check").path("required").valueStream().map(JsonNode::asString).toList()))
			.contains("userId", "teamId", "privilege");
	}

}
