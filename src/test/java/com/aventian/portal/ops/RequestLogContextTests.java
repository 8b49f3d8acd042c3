package com.aventian.portal.ops;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Production logs are JSON lines, and each line a request writes says which request, person and team. */
@PortalTest
@ExtendWith(OutputCaptureExtension.class)
class RequestLogContextTests {

	private static final String DISPATCHER = "org.springframework.web.servlet.DispatcherServlet";

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	LoggingSystem logging;

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void everyLineOfASignedInTeamRequestCarriesItsRequestIdUserAndTeam(CapturedOutput output) {
		// given a signed-in owner of a team, and the dispatcher logging each request it handles
		User owner = this.users.create("Logan Lines");
		UUID teamId = this.users.team("Logged Team", owner);
		PortalHttp browser = this.users.signedIn(this.port, owner);
		this.logging.setLogLevel(DISPATCHER, LogLevel.DEBUG);
		HttpResponse<String> page;
		try {
			// when the team's page is asked for
			page = browser.get("/teams/" + teamId);
		}
		finally {
			this.logging.setLogLevel(DISPATCHER, null);
		}

		// then the answer names its request id, and the request's log lines are JSON naming it, the person and the team
		String requestId = page.headers().firstValue(RequestLogContext.HEADER).orElseThrow();
		List<JsonNode> lines = output.getOut()
			.lines()
			.filter((line) -> line.startsWith("{") && line.contains(requestId))
			.map(this.json::readTree)
			.toList();
		assertThat(lines).isNotEmpty();
		assertThat(lines).allSatisfy((line) -> {
			assertThat(line.path("requestId").asString()).isEqualTo(requestId);
			assertThat(line.path("teamId").asString()).isEqualTo(teamId.toString());
		});
		assertThat(lines).anySatisfy((line) -> assertThat(line.path("userId").asString()).isEqualTo(owner.id().toString()));
	}

	@Test
	void eachRequestGetsItsOwnIdAndAnIdSentByTheClientIsNotTakenOver() {
		PortalHttp stranger = new PortalHttp(this.port);

		HttpResponse<String> first = stranger.get("/login", RequestLogContext.HEADER, "forged-by-the-client");
		HttpResponse<String> second = stranger.get("/login");

		String firstId = first.headers().firstValue(RequestLogContext.HEADER).orElseThrow();
		assertThat(firstId).isNotEqualTo("forged-by-the-client").matches("[A-Za-z0-9_-]{16}");
		assertThat(second.headers().firstValue(RequestLogContext.HEADER)).hasValueSatisfying(
				(secondId) -> assertThat(secondId).isNotEqualTo(firstId));
	}

}
