package com.aventian.portal.browser;

import java.util.UUID;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestMailbox;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@PortalTest
class InvitationJourneyIT {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void anAdminInvitesANewPersonWhoSignsUpFromTheMailAndLandsInTheTeamWithTheInvitedRole() {
		User owner = this.users.create("Ada Owner");
		User admin = this.users.create("Adam Admin");
		String team = "Invites " + UUID.randomUUID().toString().substring(0, 6);
		this.users.team(team, owner, admin, "Admin");
		String newcomer = "newcomer." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

		try (Browser inviter = Browser.open(this.port); Browser invitee = Browser.open(this.port)) {
			inviter.signIn(admin.email(), TestUsers.PASSWORD);
			inviter.click(By.linkText("Invitations"));
			inviter.type(By.id("emails"), newcomer);
			Select roles = new Select(inviter.find(By.id("roleId")));
			assertThat(roles.getOptions()).extracting((option) -> option.getText())
				.containsExactly("Admin", "Member", "Viewer");
			roles.selectByVisibleText("Admin");
			inviter.clickButton("Send invitations");
			assertThat(inviter.byTestId("invite-outcome").getText()).contains("Invited 1: " + newcomer + ".");

			String link = TestMailbox.linkIn(TestMailbox.awaitMail(newcomer, 1), "/invitations/accept");
			invitee.visit(TestMailbox.pathOf(link));
			assertThat(invitee.byTestId("invitation-summary").getText())
				.isEqualTo("Adam Admin invited you to join " + team + " as Admin.");
			assertThat(invitee.find(By.id("invited-email")).getDomProperty("value")).isEqualTo(newcomer);
			assertThat(invitee.find(By.id("invited-email")).getDomAttribute("readonly")).isNotNull();
			invitee.type(By.id("displayName"), "Nora Newcomer")
				.type(By.id("password"), "kestrel lantern quartz 6161")
				.type(By.id("passwordConfirmation"), "kestrel lantern quartz 6161");
			invitee.click(By.id("acceptTerms1")).clickButton("Create account and join");

			assertThat(invitee.byTestId("team-name").getText()).isEqualTo(team);
			assertThat(invitee.byTestId("my-roles").getText()).isEqualTo("Admin");

			inviter.visit(inviter.path());
			assertThat(inviter.find(By.cssSelector("[data-email='" + newcomer + "'] [data-testid='invitation-status']")).getText())
				.isEqualTo("Accepted");
		}
	}

	@Test
	void anExistingSignedOutUserSignsInFromTheLinkAndJoins() {
		User owner = this.users.create("Ola Owner");
		User existing = this.users.create("Eli Existing");
		String team = "Existing " + UUID.randomUUID().toString().substring(0, 6);
		invite(owner, team, existing.email());

		try (Browser browser = Browser.open(this.port)) {
			browser.visit(TestMailbox.pathOf(TestMailbox.linkIn(TestMailbox.awaitMail(existing.email(), 1), "/invitations/accept")));
			browser.clickButton("Sign in to join");
			browser.type(By.id("email"), existing.email()).type(By.id("password"), TestUsers.PASSWORD).clickButton("Sign in");
			assertThat(browser.byTestId("invitation-summary").getText()).contains("Ola Owner invited you to join " + team);
			browser.clickButton("Join the team");

			assertThat(browser.byTestId("team-name").getText()).isEqualTo(team);
			assertThat(browser.byTestId("my-roles").getText()).isEqualTo("Member");
		}
	}

	@Test
	void aPersonSignedInAsSomeoneElseIsNotJoinedAndCanSwitchAccounts() {
		User owner = this.users.create("Ona Owner");
		User invited = this.users.create("Iris Invited");
		User bystander = this.users.create("Bo Bystander");
		String team = "Wrong " + UUID.randomUUID().toString().substring(0, 6);
		UUID teamId = invite(owner, team, invited.email());

		try (Browser browser = Browser.open(this.port)) {
			browser.signIn(bystander.email(), TestUsers.PASSWORD);
			browser.visit(TestMailbox.pathOf(TestMailbox.linkIn(TestMailbox.awaitMail(invited.email(), 1), "/invitations/accept")));

			assertThat(browser.byTestId("other-account").getText()).contains("This invitation is for " + invited.email()
					+ ", but you are signed in as " + bystander.email());
			assertThat(memberCount(teamId, bystander)).isZero();
			browser.clickButton("Sign out and continue as " + invited.email());
			browser.clickButton("Sign in to join");
			browser.type(By.id("email"), invited.email()).type(By.id("password"), TestUsers.PASSWORD).clickButton("Sign in");
			browser.clickButton("Join the team");
			assertThat(browser.byTestId("team-name").getText()).isEqualTo(team);
		}
		assertThat(memberCount(teamId, bystander)).isZero();
		assertThat(memberCount(teamId, invited)).isEqualTo(1);
	}

	@Test
	void aRevokedLinkShowsTheRevokedPage() {
		User owner = this.users.create("Rex Revoker");
		String email = "revoked." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		String team = "Revoked " + UUID.randomUUID().toString().substring(0, 6);

		try (Browser admin = Browser.open(this.port); Browser invitee = Browser.open(this.port)) {
			this.users.team(team, owner);
			admin.signIn(owner.email(), TestUsers.PASSWORD);
			// the newcomer's way in: the members page's "Invite people" button
			admin.click(By.linkText("Members"));
			admin.click(By.linkText("Invite people"));
			admin.type(By.id("emails"), email).clickButton("Send invitations");
			admin.find(By.cssSelector("[data-email='" + email + "']")).findElement(By.xpath(".//button[normalize-space()='Revoke']")).click();
			admin.waitForPageText("The invitation is revoked");

			invitee.visit(TestMailbox.pathOf(TestMailbox.linkIn(TestMailbox.awaitMail(email, 1), "/invitations/accept")));
			assertThat(invitee.byTestId("invitation-problem").getText()).isEqualTo("This invitation was revoked");
			invitee.waitForPageText("Rex Revoker (" + owner.email() + ") invited you to " + team + ".");
		}
	}

	private UUID invite(User owner, String team, String email) {
		UUID teamId = this.users.team(team, owner);
		try (Browser browser = Browser.open(this.port)) {
			browser.signIn(owner.email(), TestUsers.PASSWORD);
			browser.click(By.linkText("Invitations"));
			browser.type(By.id("emails"), email).clickButton("Send invitations");
			assertThat(browser.byTestId("invite-outcome").getText()).contains("Invited 1");
		}
		return teamId;
	}

	private int memberCount(UUID teamId, User user) {
		return this.jdbc.queryForObject("select count(*) from aventian.tbl_memberships where team_id = ? and user_id = ?",
				Integer.class, teamId, user.id());
	}


}
