package com.aventian.portal.invitation;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestMailbox;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.audit.LoginAction;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input on invitations: each refused with a clear message, nothing joined that should not be. */
@PortalTest
class InvitationTests {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AuditLog audit;

	UUID roleId(UUID teamId, String name) {
		return this.jdbc.queryForObject("select id from aventian.tbl_roles where team_id = ? and name = ?", UUID.class,
				teamId, name);
	}

	HttpResponse<String> invite(PortalHttp http, UUID teamId, String emails, String role) {
		return http.submitWithHeaders("/teams/new", "/teams/" + teamId + "/invitations",
				Map.of("emails", emails, "roleId", roleId(teamId, role).toString()));
	}

	static String unique(String name) {
		return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
	}

	static String tokenOf(String email) {
		String link = TestMailbox.linkIn(TestMailbox.latestMail(email), "/invitations/accept");
		return link.substring(link.indexOf("token=") + 6);
	}

	boolean isMember(UUID teamId, User user) {
		return this.jdbc.queryForObject(
				"select exists (select 1 from aventian.tbl_memberships where team_id = ? and user_id = ?)", Boolean.class,
				teamId, user.id());
	}

	@Test
	void aBulkInviteSendsTheValidOnesAndReportsTheRest() {
		User owner = this.users.create("Ivy Inviter");
		User member = this.users.create("Mel Member");
		UUID team = this.users.team("Bulk " + UUID.randomUUID(), owner, member, "Member");
		PortalHttp http = this.users.signedIn(this.port, owner);
		String good1 = unique("good1");
		String good2 = unique("good2");
		String pending = unique("pending");
		invite(http, team, pending, "Member");

		HttpResponse<String> response = invite(http, team,
				good1 + ", not-an-email\n" + good2 + "\n" + good1.toUpperCase() + ";" + member.email() + "," + pending
						+ ",<script>x</script>@evil",
				"Member");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("Invited 2: " + good1 + ", " + good2 + ".")
			.contains("<strong>not-an-email</strong>: <span>not a valid e-mail address</span>")
			.contains("listed twice; invited once")
			.contains("already a member of the team")
			.contains("already invited; resend that invitation instead")
			.contains("&lt;script&gt;x&lt;/script&gt;@evil")
			.doesNotContain("<script>x");
		assertThat(TestMailbox.mailsTo(good1)).hasSize(1);
		assertThat(TestMailbox.mailsTo(good2)).hasSize(1);
		assertThat(TestMailbox.mailsTo(member.email())).isEmpty();
		assertThat(TestMailbox.mailsTo(pending)).hasSize(1);
		assertThat(response.body()).contains("<textarea id=\"emails\" name=\"emails\" rows=\"5\" aria-describedby=\"emails-hint\">not-an-email");
	}

	@Test
	void aHundredAndOneEmailsAreRefusedWithTheLimitAndNoneIsSent() {
		User owner = this.users.create("Ivy Inviter");
		UUID team = this.users.team("Crowd " + UUID.randomUUID(), owner);
		PortalHttp http = this.users.signedIn(this.port, owner);
		String prefix = "crowd" + UUID.randomUUID().toString().substring(0, 6);
		String emails = IntStream.rangeClosed(1, 101).mapToObj((i) -> prefix + i + "@example.com").collect(Collectors.joining("\n"));

		HttpResponse<String> response = invite(http, team, emails, "Member");

		assertThat(response.body()).contains("You can invite at most 100 people at once; this list has 101.");
		assertThat(TestMailbox.mailsTo(prefix + "1@example.com")).isEmpty();
		assertThat(this.jdbc.queryForObject("select count(*) from aventian.tbl_invitations where team_id = ?", Integer.class, team)).isZero();
	}

	@Test
	void aRoleAboveTheInvitersOwnIsRefused() {
		User owner = this.users.create("Ivy Inviter");
		User admin = this.users.create("Ada Admin");
		UUID team = this.users.team("Ranks " + UUID.randomUUID(), owner, admin, "Admin");
		PortalHttp http = this.users.signedIn(this.port, admin);
		String email = unique("climber");

		HttpResponse<String> response = invite(http, team, email, "Owner");

		assertThat(response.body()).contains("Choose a role you may give: none above your own.");
		assertThat(TestMailbox.mailsTo(email)).isEmpty();
	}

	@Test
	void aUsedExpiredTamperedOrForeignTokenSaysWhichAndJoinsNobody() {
		User owner = this.users.create("Ivy Inviter");
		UUID team = this.users.team("Links " + UUID.randomUUID(), owner);
		PortalHttp ownerHttp = this.users.signedIn(this.port, owner);
		User invitee = this.users.create("Ian Invitee");
		User other = this.users.create("Otto Other");
		invite(ownerHttp, team, invitee.email(), "Member");
		String token = tokenOf(invitee.email());

		PortalHttp otherHttp = this.users.signedIn(this.port, other);
		assertThat(otherHttp.get("/invitations/accept?token=" + token).body()).contains("This invitation is for someone else")
			.contains(invitee.email());
		assertThat(otherHttp.submitWithHeaders("/teams/new", "/invitations/accept", Map.of("token", token)).body())
			.contains("This invitation is for someone else");
		assertThat(isMember(team, other)).isFalse();

		String tampered = token.substring(0, token.length() - 1) + (token.endsWith("x") ? "y" : "x");
		PortalHttp inviteeHttp = this.users.signedIn(this.port, invitee);
		assertThat(inviteeHttp.get("/invitations/accept?token=" + tampered).body()).contains("This invitation link is not valid");

		assertThat(inviteeHttp.submitWithHeaders("/teams/new", "/invitations/accept", Map.of("token", token)).statusCode())
			.isEqualTo(302);
		assertThat(isMember(team, invitee)).isTrue();
		assertThat(inviteeHttp.get("/invitations/accept?token=" + token).body()).contains("This invitation was already used")
			.contains("Ivy Inviter");
		assertThat(this.audit.recentLoginActivity(invitee.email(), 10)).anySatisfy((row) -> {
			assertThat(row.action()).isEqualTo(LoginAction.INVITATION_ACCEPTED);
			assertThat(row.teamId()).isEqualTo(team);
			assertThat(row.ip()).isNotNull();
		});

		User late = this.users.create("Lee Late");
		invite(ownerHttp, team, late.email(), "Member");
		String lateToken = tokenOf(late.email());
		this.jdbc.update("update aventian.tbl_invitations set expires_at = ? where lower(email) = lower(?)",
				java.sql.Timestamp.from(Instant.now().minusSeconds(60)), late.email());
		PortalHttp lateHttp = this.users.signedIn(this.port, late);
		assertThat(lateHttp.get("/invitations/accept?token=" + lateToken).body()).contains("This invitation has expired")
			.contains("Ivy Inviter");
		assertThat(lateHttp.submitWithHeaders("/teams/new", "/invitations/accept", Map.of("token", lateToken)).body())
			.contains("This invitation has expired");
		assertThat(isMember(team, late)).isFalse();
	}

	@Test
	void aResentInvitationKillsTheOldLinkAndARevokedOneShowsTheRevokedPage() {
		User owner = this.users.create("Ivy Inviter");
		UUID team = this.users.team("Resend " + UUID.randomUUID(), owner);
		PortalHttp ownerHttp = this.users.signedIn(this.port, owner);
		String email = unique("resent");
		invite(ownerHttp, team, email, "Viewer");
		String first = tokenOf(email);
		UUID invitation = this.jdbc.queryForObject("select id from aventian.tbl_invitations where team_id = ?", UUID.class, team);

		ownerHttp.submitWithHeaders("/teams/new", "/teams/" + team + "/invitations/" + invitation + "/resend", Map.of());
		String second = tokenOf(email);
		PortalHttp anonymous = new PortalHttp(this.port);
		assertThat(anonymous.get("/invitations/accept?token=" + first).body()).contains("This invitation link is not valid");
		assertThat(anonymous.get("/invitations/accept?token=" + second).body()).contains("Create account and join");

		ownerHttp.submitWithHeaders("/teams/new", "/teams/" + team + "/invitations/" + invitation + "/revoke", Map.of());
		assertThat(anonymous.get("/invitations/accept?token=" + second).body()).contains("This invitation was revoked")
			.contains("Ivy Inviter");
		assertThat(this.jdbc.queryForList("select event from aventian.tbl_invitation_events where invitation_id = ? order by id",
				String.class, invitation)).containsExactly("SENT", "RESENT", "OPENED", "REVOKED");
		assertThat(this.audit.eventsAbout("invitation", invitation.toString())).extracting((e) -> e.action())
			.containsExactly("INVITATION_SENT", "INVITATION_RESENT", "INVITATION_REVOKED");
	}

	@Test
	void twoConcurrentAcceptancesOfOneTokenLetExactlyOneWin() throws Exception {
		User owner = this.users.create("Ivy Inviter");
		UUID team = this.users.team("Race " + UUID.randomUUID(), owner);
		User invitee = this.users.create("Rae Racer");
		invite(this.users.signedIn(this.port, owner), team, invitee.email(), "Member");
		String token = tokenOf(invitee.email());
		PortalHttp one = this.users.signedIn(this.port, invitee);
		PortalHttp two = this.users.signedIn(this.port, invitee);
		String csrfOne = PortalHttp.csrfTokenOf(one.get("/invitations/accept?token=" + token).body());
		String csrfTwo = PortalHttp.csrfTokenOf(two.get("/invitations/accept?token=" + token).body());

		var first = CompletableFuture.supplyAsync(() -> one.postForm("/invitations/accept", Map.of("token", token, "_csrf", csrfOne)));
		var second = CompletableFuture.supplyAsync(() -> two.postForm("/invitations/accept", Map.of("token", token, "_csrf", csrfTwo)));
		List<HttpResponse<String>> answers = new ArrayList<>(List.of(first.get(), second.get()));

		assertThat(answers).filteredOn((answer) -> answer.statusCode() == 302).hasSize(1);
		assertThat(answers).filteredOn((answer) -> answer.body().contains("This invitation was already used")).hasSize(1);
		assertThat(this.jdbc.queryForObject("select count(*) from aventian.tbl_memberships where team_id = ? and user_id = ?",
				Integer.class, team, invitee.id())).isEqualTo(1);
	}

	@Test
	void twoConcurrentInvitationsOfTheSameAddressesGiveOneInvitationEachAndTellTheOtherAlreadyInvited() throws Exception {
		User owner = this.users.create("Ivy Inviter");
		User admin = this.users.create("Ada Admin");
		UUID team = this.users.team("Twice " + UUID.randomUUID(), owner, admin, "Admin");
		PortalHttp ownerHttp = this.users.signedIn(this.port, owner);
		PortalHttp adminHttp = this.users.signedIn(this.port, admin);
		List<String> emails = IntStream.rangeClosed(1, 20).mapToObj((i) -> unique("both" + i)).toList();
		String list = String.join("\n", emails);
		String member = roleId(team, "Member").toString();
		String csrfOwner = PortalHttp.csrfTokenOf(ownerHttp.get("/teams/" + team + "/invitations").body());
		String csrfAdmin = PortalHttp.csrfTokenOf(adminHttp.get("/teams/" + team + "/invitations").body());

		var first = CompletableFuture.supplyAsync(() -> ownerHttp.postForm("/teams/" + team + "/invitations",
				Map.of("emails", list, "roleId", member, "_csrf", csrfOwner)));
		var second = CompletableFuture.supplyAsync(() -> adminHttp.postForm("/teams/" + team + "/invitations",
				Map.of("emails", list, "roleId", member, "_csrf", csrfAdmin)));
		List<HttpResponse<String>> answers = List.of(first.get(), second.get());

		assertThat(answers).allSatisfy((answer) -> assertThat(answer.statusCode()).isEqualTo(200));
		assertThat(this.jdbc.queryForObject(
				"select count(*) from aventian.tbl_invitations where team_id = ? and status = 'PENDING'", Integer.class, team))
			.isEqualTo(20);
		int told = answers.stream()
			.mapToInt((answer) -> answer.body().split("already invited; resend that invitation instead", -1).length - 1)
			.sum();
		assertThat(told).isEqualTo(20);
		for (String email : emails) {
			assertThat(TestMailbox.mailsTo(email)).hasSize(1);
		}
	}

	@Test
	void oddTokensOnTheAcceptLinksAnswerWithAPageNeverAServerError() {
		User someone = this.users.create("Odd Token");
		PortalHttp signedIn = this.users.signedIn(this.port, someone);
		PortalHttp anonymous = new PortalHttp(this.port);
		List<String> tokens = List.of("{x}", "{}", "%00", "\u0000", "../../etc/passwd", "a b&c=d#e", "%7Bx%7D", "{x}{y}",
				"\u202Eevil", "\uD83D\uDE00", "x".repeat(10_000), " ", "");

		for (String token : tokens) {
			String encoded = java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8);
			assertThat(anonymous.get("/invitations/accept?token=" + encoded).statusCode()).as("GET %s", token).isLessThan(500);
			for (String action : List.of("/invitations/accept", "/invitations/switch-account", "/invitations/sign-up")) {
				HttpResponse<String> answer = anonymous.submitWithHeaders("/login", action, Map.of("token", token,
						"displayName", "Odd", "password", "x", "passwordConfirmation", "x", "acceptTerms", "true"));
				// a control character is refused at the edge with the 400 page, everything else is a page or a redirect
				assertThat(answer.statusCode()).as("%s %s", action, token).isIn(200, 302, 400);
				answer.headers().firstValue("Location").ifPresent((location) -> assertThat(location).doesNotContain("{"));
			}
			assertThat(signedIn.submitWithHeaders("/teams/new", "/invitations/accept", Map.of("token", token)).statusCode())
				.as("signed-in POST %s", token)
				.isIn(200, 400);
		}
	}

}
