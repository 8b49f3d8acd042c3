package com.aventian.portal.team;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each row of the members table ({@link MemberRows}) offers depends on the viewer's rights, row by row: a
 * Member sees names and roles only; an Admin changes roles and removes, but not the Owner's row nor ownership;
 * the Owner sees everything but controls on their own row. The forms a row carries work with the CSRF field the
 * row itself writes.
 */
@PortalTest
class MembersRowRightsTests {

	private static final Pattern ROW_CSRF = Pattern.compile("<input type=\"hidden\" name=\"_csrf\" value=\"([^\"]+)\"/>");

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	MembershipService memberships;

	User owner;

	User admin;

	User member;

	User other;

	UUID team;

	@BeforeEach
	void givenATeamWithAnOwnerAnAdminAndTwoMembers() {
		this.owner = this.users.create("Oona Owner");
		this.admin = this.users.create("Adam Admin");
		this.member = this.users.create("Mia Member");
		this.other = this.users.create("Otto Other");
		this.team = this.users.team("Rights " + UUID.randomUUID(), this.owner, this.admin, "Admin", this.member, "Member",
				this.other, "Member");
	}

	String membersPageOf(User viewer) {
		HttpResponse<String> page = this.users.signedIn(this.port, viewer).get("/teams/" + this.team + "/members");
		assertThat(page.statusCode()).isEqualTo(200);
		return page.body();
	}

	@Test
	void aMemberSeesEveryRowWithoutAnyControl() {
		String page = membersPageOf(this.member);

		for (User someone : new User[] { this.owner, this.admin, this.member, this.other }) {
			String row = rowOf(page, someone);
			assertThat(row).as(someone.displayName())
				.contains("data-testid=\"member-roles\"")
				.doesNotContain("<form", "<select", "name=\"_csrf\"", "/remove\"", "/ownership", "data-testid=\"add-grant\"",
						"data-testid=\"remove-grant\"", "data-hx-post", "data-hx-get");
		}
	}

	@Test
	void anAdminChangesMembersRolesButNotTheOwnersNorTheirOwnNorOwnership() {
		String page = membersPageOf(this.admin);

		assertThat(rowOf(page, this.other)).contains("name=\"roleId\"", "/members/" + this.other.id() + "/remove\"",
				"data-testid=\"add-grant\"")
			.doesNotContain("/ownership");
		assertThat(rowOf(page, this.owner)).doesNotContain("name=\"roleId\"", "/ownership").contains("data-testid=\"member-roles\"");
		assertThat(rowOf(page, this.admin)).doesNotContain("/remove\"", "data-testid=\"add-grant\"", "/ownership");
	}

	@Test
	void theOwnerMayHandOwnershipToAnyoneButThemselves() {
		String page = membersPageOf(this.owner);

		assertThat(rowOf(page, this.other)).contains("/members/" + this.other.id() + "/ownership\"");
		assertThat(rowOf(page, this.owner)).doesNotContain("/ownership", "/remove\"", "data-testid=\"add-grant\"");
	}

	@Test
	void aRolesFormPostedWithTheCsrfFieldItsRowWritesChangesTheRoleAndRedrawsThatRowOnly() {
		// given the Admin's members page, and the role form of Otto's row with its own CSRF field
		PortalHttp http = this.users.signedIn(this.port, this.admin);
		String row = rowOf(http.get("/teams/" + this.team + "/members").body(), this.other);
		Matcher csrf = ROW_CSRF.matcher(row);
		assertThat(csrf.find()).as("the row's CSRF field").isTrue();
		Matcher version = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(row);
		assertThat(version.find()).isTrue();
		String adminRole = this.users.roleId(this.team, "Admin").toString();

		// when it is posted as htmx posts it
		HttpResponse<String> redrawn = http.postForm("/teams/" + this.team + "/members/" + this.other.id() + "/role",
				Map.of("_csrf", csrf.group(1), "version", version.group(1), "roleId", adminRole), "HX-Request", "true");

		// then the role is changed and the answer is that one row, its new role selected
		assertThat(redrawn.statusCode()).isEqualTo(200);
		assertThat(redrawn.body().strip()).startsWith("<tr id=\"member-" + this.other.id() + "\"").endsWith("</tr>");
		assertThat(redrawn.body()).contains("<option value=\"" + adminRole + "\" selected=\"selected\">")
			.contains("role=\"status\"")
			.doesNotContain("<tr id=\"member-" + this.member.id() + "\"");
		assertThat(this.memberships.member(this.team, this.other.id()).roleId().toString()).isEqualTo(adminRole);
	}

	@Test
	void aRoleChangeTheViewerMayNotMakeRedrawsTheRowWithTheRefusalAndNoPickerForTheOwner() {
		// given the Admin's page, and a forged post of the Owner's row (which shows no picker to an Admin)
		PortalHttp http = this.users.signedIn(this.port, this.admin);
		String token = PortalHttp.csrfTokenOf(http.get("/teams/" + this.team + "/members").body());
		int version = this.memberships.member(this.team, this.owner.id()).version();

		// when it is posted
		HttpResponse<String> refused = http.postForm("/teams/" + this.team + "/members/" + this.owner.id() + "/role",
				Map.of("_csrf", token, "version", Integer.toString(version), "roleId",
						this.users.roleId(this.team, "Member").toString()),
				"HX-Request", "true");

		// then nothing changes, and if a row comes back it says why and still offers no picker
		assertThat(this.memberships.member(this.team, this.owner.id()).version()).isEqualTo(version);
		if (refused.statusCode() == 200) {
			assertThat(refused.body()).contains("role=\"alert\"").doesNotContain("name=\"roleId\"");
		}
		else {
			assertThat(refused.statusCode()).isEqualTo(403);
		}
	}

	/** The member's table row, from its opening tag to its closing one. */
	private static String rowOf(String body, User member) {
		int start = body.indexOf("<tr id=\"member-" + member.id() + "\"");
		assertThat(start).as("the row of " + member.displayName()).isNotNegative();
		return body.substring(start, body.indexOf("</tr>", start));
	}

}
