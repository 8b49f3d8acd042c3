package com.aventian.portal.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.api.ApiFixture.Product;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks on GetUserDetails written straight to the response ({@link DetailsAnswer}, review20): a HEAD, Accept headers
 * the JSON answer cannot satisfy or that any answer satisfies, date conditions on an answer that has no date, and
 * error answers that must not carry a success's validator.
 */
@PortalTest
class DetailsAnswerAttackTests {

	@LocalServerPort
	int port;

	@Autowired
	ApiFixture fixture;

	@Autowired
	TestUsers users;

	ApiHttp api;

	String key;

	User zoe;

	UUID team;

	@BeforeEach
	void givenAMemberOfATeamOfTheProduct() {
		Product crm = this.fixture.product();
		this.key = this.fixture.key(crm);
		this.api = new ApiHttp(this.port, this.key);
		User owner = this.users.create("Olga Owner");
		this.zoe = this.users.create("Zoë Attack");
		this.team = this.users.team("Details " + UUID.randomUUID(), owner, this.zoe, "Member");
		this.fixture.associate(this.team, crm);
	}

	String path() {
		return "/api/v1/users/" + this.zoe.id() + "/details?teamId=" + this.team;
	}

	@Test
	void aHeadGetsTheGetsStatusAndHeadersWithoutItsBodyAndItsConditionsHold() {
		HttpResponse<String> get = this.api.get(path());
		String etag = get.headers().firstValue("ETag").orElseThrow();

		HttpResponse<String> head = this.api.send("HEAD", path(), null, null);
		HttpResponse<String> headNotModified = this.api.send("HEAD", path(), null, null, "If-None-Match", etag);

		assertThat(head.statusCode()).isEqualTo(200);
		assertThat(head.body()).isEmpty();
		for (String header : new String[] { "ETag", "Cache-Control", "Content-Type" }) {
			assertThat(head.headers().allValues(header)).as(header).isEqualTo(get.headers().allValues(header));
		}
		assertThat(head.headers().firstValueAsLong("Content-Length"))
			.hasValue(get.body().getBytes(StandardCharsets.UTF_8).length);
		assertThat(headNotModified.statusCode()).isEqualTo(304);
		assertThat(headNotModified.headers().firstValue("ETag")).hasValue(etag);
	}

	@Test
	void anAcceptTheJsonCannotSatisfyIs406WithoutTheAnswerOrItsValidator() {
		for (String accept : new String[] { "application/xml", "text/html", "application/problem+json" }) {
			HttpResponse<String> refused = accepting(accept);

			assertThat(refused.statusCode()).as(accept).isEqualTo(406);
			assertThat(refused.headers().firstValue("ETag")).as(accept).isEmpty();
			assertThat(refused.body()).as(accept).doesNotContain(this.zoe.email(), "Zoë");
		}
	}

	@Test
	void anAcceptThatAllowsJsonAmongOthersGetsTheSameJsonAnswer() {
		HttpResponse<String> plain = this.api.get(path());

		for (String accept : new String[] { null, "*/*", "application/*", "application/xml, application/json;q=0.1",
				"text/html,application/xhtml+xml,*/*;q=0.8", "application/json;charset=UTF-8" }) {
			HttpResponse<String> answer = accepting(accept);

			assertThat(answer.statusCode()).as(accept).isEqualTo(200);
			assertThat(answer.headers().firstValue("Content-Type")).as(accept).hasValue("application/json");
			assertThat(answer.headers().firstValue("ETag")).as(accept).isEqualTo(plain.headers().firstValue("ETag"));
			assertThat(answer.body()).as(accept).isEqualTo(plain.body());
		}
	}

	/** The call with exactly this Accept header (null: none), not added to the client's own. */
	HttpResponse<String> accepting(String accept) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path()))
			.header("Authorization", "Bearer " + this.key);
		if (accept != null) {
			request.header("Accept", accept);
		}
		try {
			return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void dateConditionsDecideNothingOnAnAnswerWithoutADateAndAMatchingEtagStillWinsOverThem() {
		String etag = this.api.get(path()).headers().firstValue("ETag").orElseThrow();

		HttpResponse<String> modifiedSince = this.api.get(path(), "If-Modified-Since", "Fri, 01 Jan 2100 00:00:00 GMT");
		HttpResponse<String> unmodifiedSince = this.api.get(path(), "If-Unmodified-Since", "Thu, 01 Jan 1970 00:00:00 GMT");
		HttpResponse<String> both = this.api.get(path(), "If-None-Match", etag, "If-Modified-Since",
				"Thu, 01 Jan 1970 00:00:00 GMT");

		assertThat(modifiedSince.statusCode()).isEqualTo(200);
		assertThat(modifiedSince.body()).contains(this.zoe.id().toString());
		assertThat(modifiedSince.headers().firstValue("Last-Modified")).isEmpty();
		assertThat(unmodifiedSince.statusCode()).isEqualTo(200);
		assertThat(both.statusCode()).isEqualTo(304);
		assertThat(both.body()).isEmpty();
	}

	@Test
	void malformedConditionsAreNeitherAServerErrorNorA304() {
		String etag = this.api.get(path()).headers().firstValue("ETag").orElseThrow();
		String bare = etag.substring(1, etag.length() - 1);

		for (String[] condition : new String[][] { { "If-None-Match", bare }, { "If-None-Match", "\"" + bare },
				{ "If-None-Match", "W/" }, { "If-None-Match", ",,," }, { "If-None-Match", "\"x\", ".repeat(2000) + "\"y\"" },
				{ "If-None-Match", "W/\"" + bare + "\"\"" }, { "If-Modified-Since", "yesterday" },
				{ "If-Unmodified-Since", "-1" }, { "If-Match", "," } }) {
			HttpResponse<String> answer = this.api.get(path(), condition);

			assertThat(answer.statusCode()).as(condition[0] + ": " + condition[1]).isIn(200, 304);
			if (answer.statusCode() == 200) {
				assertThat(answer.body()).as(condition[1]).contains(this.zoe.id().toString());
			}
		}
		// an unquoted copy of the ETag is not the ETag: the answer is sent, not a 304 that would keep an old one
		assertThat(this.api.get(path(), "If-None-Match", "\"" + bare).statusCode()).isEqualTo(200);
	}

	@Test
	void anErrorAnswerCarriesNoValidatorOrPrivateCachingOfASuccess() {
		String etag = this.api.get(path()).headers().firstValue("ETag").orElseThrow();

		HttpResponse<String> unknown = this.api.get("/api/v1/users/" + UUID.randomUUID() + "/details?teamId=" + this.team,
				"If-None-Match", etag);
		HttpResponse<String> badTeam = this.api.get("/api/v1/users/" + this.zoe.id() + "/details?teamId=not-a-uuid");

		for (HttpResponse<String> error : java.util.List.of(unknown, badTeam)) {
			assertThat(error.statusCode()).isBetween(400, 499);
			assertThat(error.headers().firstValue("ETag")).isEmpty();
			assertThat(error.headers().firstValue("Cache-Control")).isNotEqualTo(java.util.Optional.of("no-cache, private"));
			assertThat(error.body()).doesNotContain(this.zoe.email());
		}
	}

}
