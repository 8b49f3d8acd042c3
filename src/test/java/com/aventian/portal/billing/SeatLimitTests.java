package com.aventian.portal.billing;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.aventian.portal.MovableClock;
import com.aventian.portal.PortalHttp;
import com.aventian.portal.TestMailbox;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A team never has more members using a product than it pays seats for: a member joining beyond the paid
 * seats is refused with a clear message, at the invitation's acceptance (under the team's lock, so two
 * acceptances for the last seat let one in) and already when the invitations are sent.
 */
@BillingTest
class SeatLimitTests {

	@LocalServerPort
	int port;

	@Autowired
	BillingSubscriptions subscriptions;

	@Autowired
	BillingFixtures fixtures;

	@Autowired
	MovableClock clock;

	@Autowired
	TestUsers users;

	@Autowired
	JdbcTemplate jdbc;

	BillingFixtures.Team team;

	UUID product;

	@BeforeEach
	void teamWithTwoPaidSeats() {
		this.clock.set(Instant.parse("2027-03-01T10:00:00Z"));
		this.product = this.fixtures.product("Seated");
		Plan plan = this.fixtures.plan(this.product, "seated", "EUR", 1000, BillingInterval.MONTH, 1, 200, 0);
		this.team = this.fixtures.team("Seats");
		this.subscriptions.subscribe(this.team.owner().id(), "owner", this.team.id(), plan.id().toString(), "2");
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void twoConcurrentAcceptancesForTheLastSeatLetOneJoinAndTellTheOtherThereIsNoFreeSeat() throws Exception {
		User first = this.users.create("First Comer");
		User second = this.users.create("Second Comer");
		String tokenOne = invitationToken(first);
		String tokenTwo = invitationToken(second);
		PortalHttp one = this.users.signedIn(this.port, first);
		PortalHttp two = this.users.signedIn(this.port, second);
		String csrfOne = PortalHttp.csrfTokenOf(one.get("/invitations/accept?token=" + tokenOne).body());
		String csrfTwo = PortalHttp.csrfTokenOf(two.get("/invitations/accept?token=" + tokenTwo).body());

		var acceptOne = CompletableFuture
			.supplyAsync(() -> one.postForm("/invitations/accept", Map.of("token", tokenOne, "_csrf", csrfOne)));
		var acceptTwo = CompletableFuture
			.supplyAsync(() -> two.postForm("/invitations/accept", Map.of("token", tokenTwo, "_csrf", csrfTwo)));
		List<HttpResponse<String>> answers = new ArrayList<>(List.of(acceptOne.get(), acceptTwo.get()));

		assertThat(answers).filteredOn((answer) -> answer.statusCode() == 302).hasSize(1);
		assertThat(answers).filteredOn((answer) -> answer.body().contains("has no free seat")).hasSize(1);
		assertThat(members()).isEqualTo(2);
		// the refused invitation stays open: once a seat is added, the same link works
		assertThat(this.jdbc.queryForObject(
				"select count(*) from aventian.tbl_invitations where team_id = ? and status = 'PENDING'", Integer.class,
				this.team.id())).isEqualTo(1);
	}

	@Test
	void aRefusedInviteeJoinsWithTheSameLinkOnceTheTeamPaysForAnotherSeat() {
		User taken = this.users.create("Seat Taker");
		User late = this.users.create("Late Comer");
		String tokenTaken = invitationToken(taken);
		String tokenLate = invitationToken(late);
		accept(taken, tokenTaken);

		HttpResponse<String> refused = accept(late, tokenLate);

		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("has no free seat").contains("add a seat");
		assertThat(members()).isEqualTo(2);

		UUID assocId = this.subscriptions.ofTeam(this.team.id()).get(0).assocId();
		this.subscriptions.changeSeats(this.team.owner().id(), "owner", this.team.id(), assocId, "3");

		assertThat(accept(late, tokenLate).statusCode()).isEqualTo(302);
		assertThat(members()).isEqualTo(3);
	}

	@Test
	void invitingMorePeopleThanTheFreeSeatsIsRefusedWithTheSeatsLeftAndNothingIsSent() {
		PortalHttp owner = this.users.signedIn(this.port, this.team.owner());
		String one = "one." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		String two = "two." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

		HttpResponse<String> response = invite(owner, one + "\n" + two);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("Seated").contains("2 seats").contains("1 more");
		assertThat(TestMailbox.mailsTo(one)).isEmpty();
		assertThat(TestMailbox.mailsTo(two)).isEmpty();
		assertThat(this.jdbc.queryForObject("select count(*) from aventian.tbl_invitations where team_id = ?",
				Integer.class, this.team.id())).isZero();
	}

	private String invitationToken(User invitee) {
		invite(this.users.signedIn(this.port, this.team.owner()), invitee.email());
		String link = TestMailbox.linkIn(TestMailbox.latestMail(invitee.email()), "/invitations/accept");
		return link.substring(link.indexOf("token=") + 6);
	}

	private HttpResponse<String> invite(PortalHttp http, String emails) {
		return http.submitWithHeaders("/teams/new", "/teams/" + this.team.id() + "/invitations",
				Map.of("emails", emails, "roleId", this.users.roleId(this.team.id(), "Member").toString()));
	}

	private HttpResponse<String> accept(User invitee, String token) {
		PortalHttp http = this.users.signedIn(this.port, invitee);
		return http.submit("/invitations/accept?token=" + token, "/invitations/accept", Map.of("token", token));
	}

	private int members() {
		return this.jdbc.queryForObject("select count(*) from aventian.tbl_memberships where team_id = ?", Integer.class,
				this.team.id());
	}

}
