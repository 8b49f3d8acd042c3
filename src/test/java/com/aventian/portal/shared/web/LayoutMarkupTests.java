package com.aventian.portal.shared.web;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.Test;
import org.unbescape.html.HtmlEscape;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layout's kept head, header and footer (drawn once per kind of visitor) as pages carry them: each request's own
 * CSRF token and switcher team filled in, escaped, never another visitor's.
 */
@PortalTest
class LayoutMarkupTests {

	private static final String HOSTILE = "<script>alert('x')</script> \"Arts\" & {slot:csrfToken} ";

	private static final Pattern META_TOKEN = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]*)\">");

	private static final Pattern FORM_TOKEN = Pattern.compile(
			"<form class=\"sign-out\" method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"_csrf\" value=\"([^\"]*)\"/>");

	/** {@code fragments/flash} without a message, as Thymeleaf draws it. */
	private static final String EMPTY_FLASH = "<div id=\"flash\" class=\"flash\" aria-live=\"polite\">\n  \n  \n</div>";

	private static final Pattern SWITCHER = Pattern.compile("<span data-testid=\"switcher-current\">([^<]*)</span>");

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	LayoutMarkup markup;

	@Test
	void theSwitcherNamesTheTeamEscapedEvenWhenItsNameIsMarkupOrReadsLikeASlot() {
		// given a team whose name is markup and reads like one of the kept markup's slots
		User owner = this.users.create("Sal Script");
		String name = HOSTILE + UUID.randomUUID();
		UUID team = this.users.team(name, owner);

		// when its owner opens its home
		String page = this.users.signedIn(this.port, owner).get("/teams/" + team).body();

		// then the switcher shows the name as text, escaped as th:text escapes it, and no script runs
		assertThat(page).doesNotContain("<script>alert");
		Matcher switcher = SWITCHER.matcher(page);
		assertThat(switcher.find()).isTrue();
		assertThat(switcher.group(1)).isEqualTo(HtmlEscape.escapeHtml4Xml(name));
		assertThat(switcher.find()).as("one switcher label").isFalse();
	}

	@Test
	void eachRequestCarriesItsOwnSessionsCsrfTokenAndSigningOutWithItWorks() {
		// given two people with the same kind of page (the same kept drawing)
		User first = this.users.create("Fran First");
		User second = this.users.create("Sid Second");
		UUID firstTeam = this.users.team("Layout One " + UUID.randomUUID(), first);
		UUID secondTeam = this.users.team("Layout Two " + UUID.randomUUID(), second);
		PortalHttp firstHttp = this.users.signedIn(this.port, first);
		PortalHttp secondHttp = this.users.signedIn(this.port, second);

		// when each opens their team's home
		String firstPage = firstHttp.get("/teams/" + firstTeam).body();
		String secondPage = secondHttp.get("/teams/" + secondTeam).body();

		// then each page's meta tag and sign-out form carry one token, the same on both
		String firstToken = tokenOf(firstPage);
		String secondToken = tokenOf(secondPage);
		assertThat(firstPage).contains(">Layout One ").doesNotContain("Layout Two");
		assertThat(secondPage).contains(">Layout Two ").doesNotContain("Layout One");

		// and the other person's token does not sign the first out, their own does
		HttpResponse<String> foreign = firstHttp.postForm("/logout", Map.of("_csrf", secondToken));
		assertThat(foreign.statusCode()).isEqualTo(403);
		assertThat(firstHttp.get("/teams/" + firstTeam).statusCode()).isEqualTo(200);
		HttpResponse<String> own = firstHttp.postForm("/logout", Map.of("_csrf", firstToken));
		assertThat(own.statusCode()).isEqualTo(302);
		assertThat(firstHttp.get("/teams/" + firstTeam).statusCode()).isEqualTo(302);
		assertThat(secondHttp.get("/teams/" + secondTeam).statusCode()).isEqualTo(200);
	}

	@Test
	void aPageWithoutASwitcherTeamAsksToChooseOneAndAStrangerGetsNoSignedInParts() {
		// given a signed-in person without a team, and a stranger
		User alone = this.users.create("Tom Teamless");

		// when each opens a page
		String accountPage = this.users.signedIn(this.port, alone).get("/account").body();
		String signInPage = new PortalHttp(this.port).get("/login").body();

		// then the person's header asks to choose a team and carries their token; the stranger's has neither
		Matcher switcher = SWITCHER.matcher(accountPage);
		assertThat(switcher.find()).isTrue();
		assertThat(switcher.group(1)).isEqualTo("Choose a team");
		tokenOf(accountPage);
		assertThat(signInPage).contains("site-header", "schema-version")
			.doesNotContain("csrf-token", "switcher-current", "Your account", "Sign out");
	}

	@Test
	void aFlashMessageShowsEscapedOnTheOnePageAfterItsRedirectAndTheKeptEmptyRegionOnEveryOtherPage() {
		// given a team's owner on its settings page: the flash region is there, empty
		User owner = this.users.create("Fay Flash");
		UUID team = this.users.team("Flash " + UUID.randomUUID(), owner);
		PortalHttp http = this.users.signedIn(this.port, owner);
		String settings = "/teams/" + team + "/settings";
		String before = http.get(settings).body();
		assertThat(before).contains(EMPTY_FLASH);

		// when the owner renames the team to markup (the flash message names it) and follows the redirect
		String name = HOSTILE + UUID.randomUUID();
		String version = before.replaceAll("(?s).*name=\"version\" value=\"(\\d+)\".*", "$1");
		HttpResponse<String> renamed = http.submit(settings, "/teams/" + team + "/name",
				Map.of("name", name, "version", version));
		assertThat(renamed.statusCode()).isEqualTo(302);
		String flashed = http.get(settings).body();

		// then that page carries the message in the region, escaped as th:text escapes it, no script
		assertThat(flashed).doesNotContain(EMPTY_FLASH).doesNotContain("<script>alert")
			.contains("<div id=\"flash\" class=\"flash\" aria-live=\"polite\">\n  <p class=\"flash-success\" role=\"status\">"
					+ HtmlEscape.escapeHtml4Xml("The team is now called " + name + ".") + "</p>\n  \n</div>");

		// and the next pages, this person's and another's, have the empty region again
		assertThat(http.get(settings).body()).contains(EMPTY_FLASH).doesNotContain("flash-success");
		assertThat(http.get("/account").body()).contains(EMPTY_FLASH);
		assertThat(new PortalHttp(this.port).get("/login").body()).contains(EMPTY_FLASH);
	}

	@Test
	void strangersSendingHundredsOfLanguagesDoNotFillTheKeptDrawings() {
		// given the drawings kept so far, and strangers each asking for another language (whatever a client sends)
		int keptBefore = keptDrawings();
		PortalHttp stranger = new PortalHttp(this.port);
		for (int i = 0; i < 600; i++) {
			String language = "" + (char) ('a' + i / 26 % 26) + (char) ('a' + i % 26) + "-QA";

			// when each opens the sign-in page
			HttpResponse<String> page = stranger.get("/login", "Accept-Language", language);
			assertThat(page.statusCode()).isEqualTo(200);
		}

		// then languages without texts of their own share the drawing of the texts they get: at most the strangers'
		// one kind is added, far from the bound past which every new kind of visitor would be drawn on each page
		assertThat(keptDrawings()).isLessThanOrEqualTo(keptBefore + 1);
	}

	private int keptDrawings() {
		return ((Map<?, ?>) ReflectionTestUtils.getField(this.markup, "kept")).size();
	}

	private static String tokenOf(String page) {
		Matcher meta = META_TOKEN.matcher(page);
		Matcher form = FORM_TOKEN.matcher(page);
		assertThat(meta.find()).as("the CSRF meta tag").isTrue();
		assertThat(form.find()).as("the sign-out form's CSRF field").isTrue();
		assertThat(meta.group(1)).isNotBlank().doesNotContain("{slot:");
		assertThat(form.group(1)).isEqualTo(meta.group(1));
		return meta.group(1);
	}

}
