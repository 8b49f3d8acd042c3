package com.aventian.portal.team;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.aventian.portal.PortalTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.test.util.ReflectionTestUtils;

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

	@Test
	void hundredsOfMadeUpLanguagesShareTheDrawingOfTheTextsTheyGet() {
		// given the drawings kept so far
		int keptBefore = keptDrawings();

		// when a member's pages come in 600 languages the portal has no messages for (Accept-Language is the client's)
		try {
			for (int i = 0; i < 600; i++) {
				LocaleContextHolder.setLocale(Locale.forLanguageTag("" + (char) ('a' + i / 26 % 26) + (char) ('a' + i % 26) + "-QA"));
				assertThat(this.markup.html("/teams/5", Set.of("members.read", "audit.read"), "audit")).contains("/teams/5/audit\"");
			}
		}
		finally {
			LocaleContextHolder.resetLocaleContext();
		}

		// then they share one drawing, that of the texts they all get: the kept drawings do not fill up, past which
		// every new set of links would be drawn on each of its pages
		assertThat(keptDrawings()).isLessThanOrEqualTo(keptBefore + 1);
	}

	private int keptDrawings() {
		return ((Map<?, ?>) ReflectionTestUtils.getField(this.markup, "kept")).size();
	}

}
