package com.aventian.portal.invitation;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.RecordedStatements;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The invitations page: twenty at a time, pending first, history loaded for the rows shown only. */
@PortalTest
class InvitationsPageTests {

	private static final Pattern ROW = Pattern.compile("data-testid=\"invitation-row\" data-email=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	RecordedStatements statements;

	static java.util.List<String> rowsOf(HttpResponse<String> page) {
		return ROW.matcher(page.body()).results().map((match) -> match.group(1)).toList();
	}

	@Test
	void twentyFiveInvitationsMakeTwoPagesWithThePendingOnesFirstAndHistoryOnlyForTheRowsShown() {
		User owner = this.users.create("Paige Pager");
		UUID team = this.users.team("Paged " + UUID.randomUUID(), owner);
		PortalHttp http = this.users.signedIn(this.port, owner);
		String prefix = "paged" + UUID.randomUUID().toString().substring(0, 6) + "-";
		UUID member = this.jdbc.queryForObject("select id from aventian.tbl_roles where team_id = ? and name = 'Member'",
				UUID.class, team);
		http.submitWithHeaders("/teams/new", "/teams/" + team + "/invitations", Map.of("emails",
				IntStream.rangeClosed(1, 25).mapToObj((i) -> prefix + i + "@example.com").collect(Collectors.joining("\n")),
				"roleId", member.toString()));
		UUID revoked = this.jdbc.queryForObject(
				"select id from aventian.tbl_invitations where team_id = ? and email = ?", UUID.class, team, prefix + "25@example.com");
		http.submitWithHeaders("/teams/new", "/teams/" + team + "/invitations/" + revoked + "/revoke", Map.of());

		this.statements.start();
		HttpResponse<String> first = http.get("/teams/" + team + "/invitations");
		var ran = this.statements.stop();
		HttpResponse<String> second = http.get("/teams/" + team + "/invitations?page=2");

		assertThat(rowsOf(first)).hasSize(20).doesNotContain(prefix + "25@example.com");
		assertThat(first.body()).contains("Page 1 of 2");
		assertThat(rowsOf(second)).hasSize(5).endsWith(prefix + "25@example.com");
		assertThat(second.body()).contains("Page 2 of 2").contains("<span>Revoked</span>");
		assertThat(ran).filteredOn((statement) -> statement.name().startsWith("InvitationMapper.findEvents"))
			.singleElement()
			.satisfies((statement) -> assertThat(((Map<?, ?>) statement.parameter()).get("invitationIds"))
				.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.collection(UUID.class))
				.hasSize(20));
		assertThat(http.get("/teams/" + team + "/invitations?page=x").statusCode()).isEqualTo(200);
		assertThat(rowsOf(http.get("/teams/" + team + "/invitations?page=99"))).hasSize(5);
	}

}
