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

/** The attack sequence in a browser: an admin invites an accomplice, is removed, and the link no longer works. */
@PortalTest
class InviterAuthorityJourneyIT {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void anInvitationFromAnAdminWhoWasRemovedMeanwhileTellsTheInviteeItWasRevokedAndCreatesNoAccount() {
		User owner = this.users.create("Olga Owner");
		User admin = this.users.create("Ada Admin");
		String team = "Authority " + UUID.randomUUID().toString().substring(0, 6);
		UUID teamId = this.users.team(team, owner, admin, "Admin");
		String accomplice = "accomplice." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

		try (Browser inviter = Browser.open(this.port); Browser ownerBrowser = Browser.open(this.port);
				Browser invitee = Browser.open(this.port)) {
			inviter.signIn(admin.email(), TestUsers.PASSWORD);
			inviter.click(By.linkText("Invitations"));
			inviter.type(By.id("emails"), accomplice);
			new Select(inviter.find(By.id("roleId"))).selectByVisibleText("Admin");
			inviter.clickButton("Send invitations");
			assertThat(inviter.byTestId("invite-outcome").getText()).contains("Invited 1: " + accomplice + ".");

			ownerBrowser.signIn(owner.email(), TestUsers.PASSWORD);
			ownerBrowser.visit("/teams/" + teamId + "/members/" + admin.id() + "/remove");
			ownerBrowser.clickButton("Remove from team");
			ownerBrowser.waitForPageText("Ada Admin was removed from the team.");

			String link = TestMailbox.linkIn(TestMailbox.awaitMail(accomplice, 1), "/invitations/accept");
			invitee.visit(TestMailbox.pathOf(link));

			assertThat(invitee.byTestId("invitation-problem").getText()).isEqualTo("This invitation was revoked");
			assertThat(invitee.pageText()).doesNotContain("Create account and join");
		}
		assertThat(this.jdbc.queryForObject("select count(*) from aventian.tbl_users where lower(email) = lower(?)",
				Integer.class, accomplice)).isZero();
	}

}
