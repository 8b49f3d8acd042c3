package com.aventian.portal.team;

import java.util.Set;
import java.util.UUID;

import com.aventian.portal.PortalTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The kept navigation markup: drawn once per set of visible links, with each call's own team link put in. */
@PortalTest
class TeamNavMarkupTests {

	@Autowired
	TeamNavMarkup markup;

	@Test
	void eachCallGetsItsOwnTeamsLinkEscapedAsAnAttribute() {
		// given the navigation drawn and kept for one team
		String first = this.markup.html("/teams/1", Set.of("members.read"), "home");

		// when the same links are asked for another team, under a link that needs escaping
		String second = this.markup.html("/teams/2?a=1&b=\"<x>\"", Set.of("members.read"), "home");

		// then each names its own team only, the second's link escaped as th:href escapes it
		assertThat(first).contains("href=\"/teams/1/members\"").doesNotContain("/teams/2");
		assertThat(second).contains("href=\"/teams/2?a=1&amp;b=&quot;&lt;x&gt;&quot;/members\"")
			.doesNotContain("/teams/1")
			.doesNotContain("<x>");
	}

	@Test
	void anotherSetOfPrivilegesOrPageGetsItsOwnLinks() {
		// given the navigation kept for a member who may read members, on the team's home
		String reader = this.markup.html("/teams/3", Set.of("members.read"), "home");

		// when a member without privileges, and the reader on the members page, ask for it
		String none = this.markup.html("/teams/3", Set.of(), "home");
		String onMembers = this.markup.html("/teams/3", Set.of("members.read"), "members");

		// then each gets the links and the current page of their own request
		assertThat(reader).contains("/teams/3/members\"").contains("href=\"/teams/3\"\n        aria-current=\"page\"");
		assertThat(none).doesNotContain("/teams/3/members\"").contains("/teams/3/leave\"");
		assertThat(onMembers).contains("href=\"/teams/3/members\"\n        aria-current=\"page\"")
			.doesNotContain("href=\"/teams/3\"\n        aria-current");
		// and the markup is the navigation's only: one <nav>, no text around it
		assertThat(reader).startsWith("<nav class=\"team-nav\"").endsWith("</nav>");
	}

	@Test
	void aRequestsNavigationLinksThePageTeamUnderTheContextPathWithTheRequestsPrivileges() {
		// given a request's navigation (the model value pages call) for a member who may read members
		UUID team = UUID.randomUUID();
		TeamNavMarkup.Nav nav = this.markup.forRequest("/portal", Set.of("members.read"));

		// when a page draws it for its team
		String drawn = nav.html(team, "home");

		// then it is the kept navigation with that team's link, as the bean draws it for the same link and privileges
		assertThat(drawn).isEqualTo(this.markup.html("/portal/teams/" + team, Set.of("members.read"), "home"))
			.contains("href=\"/portal/teams/" + team + "/members\"");
	}

}
