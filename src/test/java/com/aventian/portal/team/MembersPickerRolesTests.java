package com.aventian.portal.team;

import java.util.ArrayList;
import java.util.List;
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
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The role picker's choices come with the members page's own statement (issue 10: no statement of their own). They
 * must be what the roles' own reading gives ({@link MembershipService#rolesGivableBy}: the team's roles the viewer
 * holds every privilege of, in the team's order, never another team's), and a change of the team's roles shows on
 * the very next request: nothing is kept between requests.
 */
@PortalTest
class MembersPickerRolesTests {

	private static final Pattern OPTION = Pattern.compile("<option value=\"([^\"]+)\"[^>]*>([^<]*)</option>");

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	MembershipService memberships;

	@Autowired
	JdbcTemplate jdbc;

	User owner;

	User admin;

	User member;

	User viewer;

	UUID team;

	@BeforeEach
	void givenATeamWithAnOwnerAnAdminAMemberAndAnotherTeamsRoles() {
		this.owner = this.users.create("Oona Owner");
		this.admin = this.users.create("Adam Admin");
		this.member = this.users.create("Mia Member");
		this.viewer = this.users.create("Vic Viewer");
		this.team = this.users.team("Picker " + UUID.randomUUID(), this.owner, this.admin, "Admin", this.member, "Member",
				this.viewer, "Viewer");
		// another team of the owner's, with a role named to stand out: it must never be offered here
		UUID other = this.users.team("Elsewhere " + UUID.randomUUID(), this.owner);
		this.jdbc.update("update aventian.tbl_roles set name = 'Elsewhere only' where team_id = ? and name = 'Viewer'", other);
	}

	@Test
	void theOwnersAndTheAdminsPickersOfferWhatTheRolesOwnReadingGivesThemOnThePageAndTheList() {
		for (User viewer : new User[] { this.owner, this.admin }) {
			// given the roles the viewer may give, as the roles' own statement reads them
			List<String> expected = this.memberships.rolesGivableBy(this.team, viewer.id())
				.stream()
				.map((role) -> role.id() + "|" + role.name())
				.toList();
			assertThat(expected).as(viewer.displayName()).isNotEmpty();
			PortalHttp http = this.users.signedIn(this.port, viewer);

			// when they open the members page and the htmx list
			String page = http.get("/teams/" + this.team + "/members").body();
			String list = http.get("/teams/" + this.team + "/members?q=mia", "HX-Request", "true").body();

			// then the member's picker offers exactly those, in that order, on both
			assertThat(optionsOfRow(page, this.member)).as(viewer.displayName()).isEqualTo(expected);
			assertThat(optionsOfRow(list, this.member)).as(viewer.displayName()).isEqualTo(expected);
			assertThat(page).doesNotContain("Elsewhere only");
		}
		// the Admin lacks team.delete: the Owner role is not theirs to give
		assertThat(this.memberships.rolesGivableBy(this.team, this.admin.id())).extracting(TeamRole::name)
			.doesNotContain("Owner")
			.contains("Member");
	}

	@Test
	void aChangeOfTheTeamsRolesShowsInThePickerOnTheVeryNextRequest() {
		PortalHttp admin = this.users.signedIn(this.port, this.admin);
		assertThat(optionsOfRow(admin.get("/teams/" + this.team + "/members").body(), this.member))
			.anyMatch((option) -> option.endsWith("|Member"));

		// when the Member role is renamed, then given a privilege the Admin does not hold (Vic's row keeps a picker:
		// Mia, holding the raised role, is then above the Admin and her row shows her role as text)
		this.jdbc.update("update aventian.tbl_roles set name = 'Crew' where team_id = ? and name = 'Member'", this.team);
		List<String> renamed = optionsOfRow(admin.get("/teams/" + this.team + "/members").body(), this.viewer);
		this.jdbc.update("""
				insert into aventian.tbl_role_privileges (role_id, privilege_id)
				select r.id, p.id from aventian.tbl_roles r, aventian.tbl_privileges p
				where r.team_id = ? and r.name = 'Crew' and p.code = 'team.delete'""", this.team);
		List<String> raised = optionsOfRow(admin.get("/teams/" + this.team + "/members?q=vic", "HX-Request", "true").body(),
				this.viewer);

		// then the next request offers the new name, and the one after no longer offers the role at all
		assertThat(renamed).anyMatch((option) -> option.endsWith("|Crew")).noneMatch((option) -> option.endsWith("|Member"));
		assertThat(raised).noneMatch((option) -> option.endsWith("|Crew")).isNotEmpty();
		assertThat(raised).isEqualTo(this.memberships.rolesGivableBy(this.team, this.admin.id())
			.stream()
			.map((role) -> role.id() + "|" + role.name())
			.toList());
	}

	private static List<String> optionsOfRow(String html, User user) {
		int start = html.indexOf("<tr id=\"member-" + user.id() + "\"");
		assertThat(start).as("row of " + user.displayName()).isNotNegative();
		String row = html.substring(start, html.indexOf("</tr>", start));
		List<String> options = new ArrayList<>();
		Matcher matcher = OPTION.matcher(row);
		while (matcher.find()) {
			options.add(matcher.group(1) + "|" + matcher.group(2));
		}
		return options;
	}

}
