package com.aventian.portal.invitation;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestMailbox;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Daily quotas on invitation mail, so a fresh account cannot use the portal to mail strangers by the thousand. */
@PortalTest
@TestPropertySource(properties = { "aventian.invitations.daily-limit.per-inviter=5",
		"aventian.invitations.daily-limit.per-team=8" })
class InvitationQuotaTests {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	JdbcTemplate jdbc;

	HttpResponse<String> invite(PortalHttp http, UUID teamId, String emails) {
		UUID member = this.jdbc.queryForObject("select id from aventian.tbl_roles where team_id = ? and name = 'Member'",
				UUID.class, teamId);
		return http.submitWithHeaders("/teams/new", "/teams/" + teamId + "/invitations",
				Map.of("emails", emails, "roleId", member.toString()));
	}

	static String addresses(String prefix, int count) {
		return IntStream.rangeClosed(1, count).mapToObj((i) -> prefix + i + "@example.com").collect(Collectors.joining("\n"));
	}

	static String prefix() {
		return "quota" + UUID.randomUUID().toString().substring(0, 8) + "-";
	}

	int invitationsOf(UUID teamId) {
		return this.jdbc.queryForObject("select count(*) from aventian.tbl_invitations where team_id = ?", Integer.class, teamId);
	}

	@Test
	void anInvitersListBeyondTheirDailyQuotaIsRefusedWholeWithWhatRemainsAcrossAllTheirTeams() {
		User fresh = this.users.create("Fresh Account");
		UUID first = this.users.team("Quota one " + UUID.randomUUID(), fresh);
		UUID second = this.users.team("Quota two " + UUID.randomUUID(), fresh);
		PortalHttp http = this.users.signedIn(this.port, fresh);
		String early = prefix();
		assertThat(invite(http, first, addresses(early, 3)).statusCode()).isEqualTo(200);

		String late = prefix();
		HttpResponse<String> refused = invite(http, second, addresses(late, 3));

		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).isPresent();
		assertThat(refused.body()).contains("data-testid=\"throttled\"")
			.contains("You can send 2 more invitations today; this list has 3.");
		assertThat(invitationsOf(second)).isZero();
		assertThat(TestMailbox.mailsTo(late + "1@example.com")).isEmpty();

		assertThat(invite(http, second, addresses(late, 2)).statusCode()).isEqualTo(200);
		assertThat(invitationsOf(second)).isEqualTo(2);
		assertThat(invite(http, first, prefix() + "1@example.com").statusCode()).isEqualTo(429);
	}

	@Test
	void aTeamsDailyQuotaHoldsWhoeverInvitesAndCountsResentMail() {
		User owner = this.users.create("Olga Owner");
		User admin = this.users.create("Adam Admin");
		UUID team = this.users.team("Quota team " + UUID.randomUUID(), owner, admin, "Admin");
		PortalHttp ownerHttp = this.users.signedIn(this.port, owner);
		PortalHttp adminHttp = this.users.signedIn(this.port, admin);
		assertThat(invite(ownerHttp, team, addresses(prefix(), 4)).statusCode()).isEqualTo(200);
		assertThat(invite(adminHttp, team, addresses(prefix(), 3)).statusCode()).isEqualTo(200);
		UUID invitation = this.jdbc.queryForObject("select id from aventian.tbl_invitations where team_id = ? limit 1",
				UUID.class, team);
		ownerHttp.submitWithHeaders("/teams/new", "/teams/" + team + "/invitations/" + invitation + "/resend", Map.of());

		HttpResponse<String> refused = invite(adminHttp, team, prefix() + "1@example.com");
		HttpResponse<String> resend = ownerHttp.submitWithHeaders("/teams/new",
				"/teams/" + team + "/invitations/" + invitation + "/resend", Map.of());

		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.body()).contains("This team can send 0 more invitations today; this list has 1.");
		assertThat(resend.statusCode()).isEqualTo(429);
		assertThat(invitationsOf(team)).isEqualTo(7);
	}

	@Test
	void mailSentMoreThanADayAgoNoLongerCounts() {
		User inviter = this.users.create("Dora Daily");
		UUID team = this.users.team("Quota days " + UUID.randomUUID(), inviter);
		PortalHttp http = this.users.signedIn(this.port, inviter);
		invite(http, team, addresses(prefix(), 5));
		assertThat(invite(http, team, prefix() + "1@example.com").statusCode()).isEqualTo(429);

		this.jdbc.update("""
				update aventian.tbl_invitation_events set occurred_at = occurred_at - interval '25 hours'
				where actor_user_id = ?""", inviter.id());

		assertThat(invite(http, team, prefix() + "1@example.com").statusCode()).isEqualTo(200);
	}

}
