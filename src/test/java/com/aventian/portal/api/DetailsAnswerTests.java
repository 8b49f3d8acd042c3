package com.aventian.portal.api;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.api.ApiFixture.Product;
import com.aventian.portal.api.ApiViews.UserDetails;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.mock.http.MockHttpOutputMessage;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GetUserDetails' answer is written by {@link DetailsAnswer}, not by Spring's message converters: the same bytes as the
 * application's JSON converter writes for the same values, and the same answers to a product's conditions as Spring's
 * {@code ResponseEntity} handling gave (both decide them with {@code ServletWebRequest.checkNotModified}): 304 for an
 * If-None-Match that matches, strongly, weakly or in a list; If-Match and If-None-Match {@code *} left to state-changing
 * requests.
 */
@PortalTest
class DetailsAnswerTests {

	@LocalServerPort
	int port;

	@Autowired
	ApiFixture fixture;

	@Autowired
	TestUsers users;

	@Autowired
	JsonMapper json;

	@Autowired
	RequestMappingHandlerAdapter mvc;

	ApiHttp api;

	User zoe;

	UUID team;

	@BeforeEach
	void givenAMemberWithATeamWideAndAScopedGrantWhoseNamesNeedEscaping() {
		Product crm = this.fixture.product();
		this.api = new ApiHttp(this.port, this.fixture.key(crm));
		User owner = this.users.create("Olga Owner");
		this.zoe = this.users.create("Zoë \"Z\" Løvström <z>");
		this.team = this.users.team("Équipe \\ \"quoted\" " + UUID.randomUUID(), owner, this.zoe, "Member");
		this.fixture.associate(this.team, crm);
		UUID contact = this.fixture.resource(this.team, crm, "contact", "ACME \"Ünïcode\" \u2028 & <b>");
		String read = this.fixture.privilege(crm, "contact.read");
		String write = this.fixture.privilege(crm, "contact.write");
		this.fixture.grant(this.team, this.zoe.id(), this.fixture.role(this.team, "Rédacteur", false, true, read), null);
		this.fixture.grant(this.team, this.zoe.id(), this.fixture.role(this.team, "Sales \"EU\"", false, true, write), contact);
	}

	HttpResponse<String> details(String... headers) {
		return this.api.get("/api/v1/users/" + this.zoe.id() + "/details?teamId=" + this.team, headers);
	}

	@Test
	void theAnswerIsTheBytesTheJsonConverterWritesForItsValuesWithTheirLength() {
		HttpResponse<String> response = details();

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue(MediaType.APPLICATION_JSON_VALUE);
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache, private");
		assertThat(response.headers().firstValue("ETag")).hasValueSatisfying((etag) -> assertThat(etag).matches("\"[0-9a-f]{32}\""));
		byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
		assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(body.length);
		assertThat(new String(body, StandardCharsets.UTF_8)).contains("Zoë \\\"Z\\\" Løvström <z>").contains("Rédacteur");
		assertThat(body).isEqualTo(asTheConverterWritesIt(this.json.readValue(body, UserDetails.class)));
	}

	@SuppressWarnings("unchecked")
	private byte[] asTheConverterWritesIt(UserDetails details) {
		HttpMessageConverter<Object> converter = (HttpMessageConverter<Object>) this.mvc.getMessageConverters()
			.stream()
			.filter((candidate) -> candidate.canWrite(UserDetails.class, MediaType.APPLICATION_JSON))
			.findFirst()
			.orElseThrow();
		MockHttpOutputMessage message = new MockHttpOutputMessage();
		try {
			converter.write(details, MediaType.APPLICATION_JSON, message);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return message.getBodyAsBytes();
	}

	@Test
	void aMatchingIfNoneMatchStrongWeakOrListedIs304WithTheEtagAndNoBody() {
		String etag = details().headers().firstValue("ETag").orElseThrow();

		for (String condition : new String[] { etag, "W/" + etag, "\"other\", " + etag }) {
			HttpResponse<String> again = details("If-None-Match", condition);

			assertThat(again.statusCode()).as(condition).isEqualTo(304);
			assertThat(again.body()).as(condition).isEmpty();
			assertThat(again.headers().firstValue("ETag")).as(condition).hasValue(etag);
			assertThat(again.headers().firstValue("Cache-Control")).as(condition).hasValue("no-cache, private");
		}
		HttpResponse<String> other = details("If-None-Match", "\"other\"");
		assertThat(other.statusCode()).isEqualTo(200);
		assertThat(other.body()).contains(this.zoe.id().toString());
	}

	@Test
	void anIfMatchAndAnIfNoneMatchStarAreLeftToStateChangingRequestsAsSpringDoes() {
		String etag = details().headers().firstValue("ETag").orElseThrow();

		for (String[] condition : new String[][] { { "If-Match", "\"other\"" }, { "If-None-Match", "*" } }) {
			HttpResponse<String> response = details(condition);

			assertThat(response.statusCode()).as(condition[0] + ": " + condition[1]).isEqualTo(200);
			assertThat(response.headers().firstValue("ETag")).hasValue(etag);
			assertThat(response.body()).contains(this.zoe.id().toString());
		}
	}

}
