package com.aventian.portal.team;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The team navigation as pages draw it: the links each member's team-wide privileges open, in the fixed
 * order, the page's own marked current, around a team name that needs escaping.
 */
@PortalTest
class TeamNavPageTests {

	private static final String NAME = "<b>\"Arts & Crafts\" 'Co'</b> " + UUID.randomUUID();

	/** Each link and the privilege that shows it (null: every member), in the navigation's order. */
	private static final List<Map.Entry<String, String>> LINKS = List.of(Map.entry("", ""),
			Map.entry("/members", "members.read"), Map.entry("/invitations", "members.invite"),
			Map.entry("/resources", "roles.manage"), Map.entry("/products", "team.read"),
			Map.entry("/settings", "team.update"), Map.entry("/roles", "roles.manage"), Map.entry("/access", ""),
			Map.entry("/audit", "audit.read"), Map.entry("/billing", "billing.read"), Map.entry("/leave", ""));

	private static final Pattern NAV = Pattern.compile("<nav class=\"team-nav\".*?</nav>", Pattern.DOTALL);

	private static final Pattern LINK = Pattern.compile("<a href=\"([^\"]*)\"([^>]*)>([^<]*)</a>");

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	TeamAccess access;

	@Autowired
	MembershipService memberships;

	@Test
	void aRoleChangeShowsInTheNavigationOnTheVeryNextPage() {
		// given a Member who has seen their team's home (its navigation drawn and kept for their privileges)
		User owner = this.users.create("Olga Owner");
		User member = this.users.create("Pat Promoted");
		UUID team = this.users.team("Nav Changes " + UUID.randomUUID(), owner, member, "Member");
		var http = this.users.signedIn(this.port, member);
		assertThat(hrefsOf(http.get("/teams/" + team).body())).doesNotContain("/teams/" + team + "/invitations");

		// when the owner makes them an Admin
		MembershipService.Actor actor = new MembershipService.Actor(owner.id(), owner.email());
		this.memberships.changeRole(actor, team, member.id(), this.users.roleId(team, "Admin"),
				this.memberships.member(team, member.id()).version());

		// then their very next page links to what an Admin may open
		assertThat(hrefsOf(http.get("/teams/" + team).body())).contains("/teams/" + team + "/invitations");

		// and when they are made a Member again, the next page no longer does
		this.memberships.changeRole(actor, team, member.id(), this.users.roleId(team, "Member"),
				this.memberships.member(team, member.id()).version());
		assertThat(hrefsOf(http.get("/teams/" + team).body())).doesNotContain("/teams/" + team + "/invitations");
	}

	@Test
	void twoTeamsWithTheSameLinksEachGetTheirOwnTeamsLinks() {
		// given a member with the same role in two teams (the same navigation, drawn once and kept)
		User owner = this.users.create("Tess Twoteams");
		UUID first = this.users.team("First " + UUID.randomUUID(), owner);
		UUID second = this.users.team("Second " + UUID.randomUUID(), owner);
		var http = this.users.signedIn(this.port, owner);

		// when they open each team's home
		List<String> firstLinks = hrefsOf(http.get("/teams/" + first).body());
		List<String> secondLinks = hrefsOf(http.get("/teams/" + second).body());

		// then each page's navigation links to its own team only
		assertThat(firstLinks).isNotEmpty().allMatch((href) -> href.startsWith("/teams/" + first));
		assertThat(secondLinks).hasSameSizeAs(firstLinks).allMatch((href) -> href.startsWith("/teams/" + second));
	}

	private static List<String> hrefsOf(String page) {
		assertThat(page.split("<nav class=\"team-nav\"", -1)).as("one navigation on the page").hasSize(2);
		Matcher nav = NAV.matcher(page);
		assertThat(nav.find()).isTrue();
		List<String> hrefs = new ArrayList<>();
		Matcher link = LINK.matcher(nav.group());
		while (link.find()) {
			hrefs.add(link.group(1));
		}
		return hrefs;
	}

	@Test
	void eachMemberSeesExactlyTheLinksTheirPrivilegesOpenAndTheTeamNameEscaped() {
		// given a team with a name full of markup, its owner and members of the other built-in roles
		User owner = this.users.create("Nora Nav");
		User member = this.users.create("Mo Member");
		User admin = this.users.create("Ada Admin");
		UUID team = this.users.team(NAME, owner, member, "Member", admin, "Admin");

		for (User user : List.of(owner, member, admin)) {
			Set<String> privileges = this.access.privilegesOf(team, user.id());

			// when the member opens the members page (or their access page, if they may not read members)
			String active = privileges.contains("members.read") ? "/members" : "/access";
			String page = this.users.signedIn(this.port, user).get("/teams/" + team + active).body();

			// then the navigation holds exactly the links their privileges open, in order, the page's marked
			List<String> expected = new ArrayList<>();
			for (Map.Entry<String, String> link : LINKS) {
				if (link.getValue().isEmpty() || privileges.contains(link.getValue())) {
					expected.add("/teams/" + team + link.getKey());
				}
			}
			assertThat(page.split("<nav class=\"team-nav\"", -1)).as("one navigation on the page").hasSize(2);
			Matcher nav = NAV.matcher(page);
			assertThat(nav.find()).as(user.displayName()).isTrue();
			List<String> hrefs = new ArrayList<>();
			List<String> current = new ArrayList<>();
			Matcher link = LINK.matcher(nav.group());
			while (link.find()) {
				hrefs.add(link.group(1));
				if (link.group(2).contains("aria-current=\"page\"")) {
					current.add(link.group(1));
				}
			}
			assertThat(hrefs).as(user.displayName() + " with " + privileges).containsExactlyElementsOf(expected);
			assertThat(current).containsExactly("/teams/" + team + active);
			// and the team's name is text wherever the page shows it
			assertThat(page).doesNotContain("<b>\"Arts").contains("&lt;b&gt;&quot;Arts &amp; Crafts&quot; &#39;Co&#39;&lt;/b&gt;");
		}
	}

}
