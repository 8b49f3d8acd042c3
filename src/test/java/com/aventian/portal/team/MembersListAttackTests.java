package com.aventian.portal.team;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks on the members list written in Java ({@link MembersList}, inserted in the page with {@code th:utext}, sent
 * alone to htmx) and on the picker's roles read by the page's own statement (review20): a typed query or a name made
 * of Thymeleaf expressions, the list's headers next to the page's, the picker on pages whose first row is not one the
 * viewer may change or that lie past the last, the roles kept from a viewer who may not assign, a role name the JSON
 * must carry unchanged, and a picker's choice that became above the viewer before it was posted.
 */
@PortalTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MembersListAttackTests {

	/** Thymeleaf's expression and inlining syntaxes, and markup; 7*191 evaluated would show as 1337. */
	private static final String EXPRESSIONS = "[[${7*191}]] [(${7*191})] __${7*191}__ *{7*191} \"'<&>";

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

	User viewer;

	User crewFirst;

	UUID team;

	UUID unassignedRole;

	@BeforeAll
	void givenATeamOfTwentyFourCrewNamedAsExpressionsItsOwnerFirstInNameOrderAndARoleGivenToNobody() {
		this.owner = this.users.create("Aa0 Owner");
		this.admin = this.users.create("Aaa Admin");
		this.viewer = this.users.create("Vic Viewer");
		List<Object> members = new ArrayList<>(List.of(this.admin, "Admin", this.viewer, "Member"));
		for (int i = 1; i <= 22; i++) {
			User crew = this.users.create(String.format("Crew %02d %s", i, EXPRESSIONS));
			members.add(crew);
			members.add("Member");
			if (i == 1) {
				this.crewFirst = crew;
			}
		}
		this.team = this.users.team("Attacks " + UUID.randomUUID(), this.owner, members.toArray());
		// a role nobody holds, without privileges: givable by the Admin, so only the picker's roles can name it
		this.unassignedRole = UUID.randomUUID();
		this.jdbc.update("""
				insert into aventian.tbl_roles (id, team_id, name, description, sort_order)
				values (?, ?, 'Nobody holds this 4f1c', 'a role given to no one', 900)""", this.unassignedRole, this.team);
	}

	String members(PortalHttp http, String query, int page, String... headers) {
		HttpResponse<String> response = http.get("/teams/" + this.team + "/members?q="
				+ URLEncoder.encode(query, StandardCharsets.UTF_8) + "&page=" + page, headers);
		assertThat(response.statusCode()).as(query + " page " + page).isEqualTo(200);
		return response.body();
	}

	@Test
	void aTypedQueryAndNamesMadeOfThymeleafExpressionsAreWrittenAsTextNeverEvaluatedOnThePageOrTheList() {
		PortalHttp http = this.users.signedIn(this.port, this.owner);

		// when the owner searches for the expressions themselves (all 22 crew match: two pages) on page 2
		String page = members(http, EXPRESSIONS, 2);
		String list = members(http, EXPRESSIONS, 2, "HX-Request", "true");

		// then nothing was evaluated, the names are the text typed, the query in the pager's links is encoded
		String escapedName = "Crew 21 [[${7*191}]] [(${7*191})] __${7*191}__ *{7*191} &quot;&#39;&lt;&amp;&gt;";
		for (String html : new String[] { page, list }) {
			assertThat(html).doesNotContain("1337").contains(escapedName).contains("Page 2 of 2");
			assertThat(html).doesNotContain("<&>", "\"'<");
			Matcher link = Pattern.compile("<a href=\"([^\"]*)\"\\s+data-hx-get=\"([^\"]*)\"")
				.matcher(html.substring(html.indexOf("<nav class=\"pager\"")));
			assertThat(link.find()).isTrue();
			assertThat(link.group(2)).isEqualTo(link.group(1));
			String href = link.group(1).replace("&#39;", "'").replace("&amp;", "&");
			assertThat(href).doesNotContain("[", "]", "{", "}", "<", ">", "\"", " ", "#")
				.startsWith("/teams/" + this.team + "/members?q=")
				.endsWith("&page=1");
			String q = href.substring(href.indexOf("?q=") + 3, href.lastIndexOf("&page="));
			assertThat(q).doesNotContain("&", "=", "+");
			assertThat(URLDecoder.decode(q, StandardCharsets.UTF_8)).isEqualTo(EXPRESSIONS);
		}
		// and the search box keeps what was typed, escaped by the template
		assertThat(page).contains("value=\"[[${7*191}]] [(${7*191})] __${7*191}__ *{7*191} &quot;&#39;&lt;&amp;&gt;\"");
		assertThat(page.split("id=\"members-list\"", -1)).hasSize(2);
		assertThat(list.strip()).startsWith("<div id=\"members-list\">").endsWith("</div>");
	}

	@Test
	void theHtmxListIsSentWithThePagesTypeLanguageAndSecurityHeaders() {
		PortalHttp http = this.users.signedIn(this.port, this.owner);

		HttpResponse<String> page = http.get("/teams/" + this.team + "/members", "Accept-Language", "de");
		HttpResponse<String> list = http.get("/teams/" + this.team + "/members", "HX-Request", "true", "Accept-Language", "de");

		assertThat(list.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
		for (String header : new String[] { "Content-Type", "Content-Language", "Cache-Control", "Pragma", "Expires",
				"X-Content-Type-Options", "X-Frame-Options", "Content-Security-Policy", "Referrer-Policy" }) {
			assertThat(list.headers().allValues(header)).as(header).isEqualTo(page.headers().allValues(header));
		}
		// one URL, two answers (the page, the list), no Vary: HX-Request on either (as before the list was written in
		// Java); nothing may keep them, so neither can stand in for the other
		assertThat(list.headers().firstValue("Cache-Control")).hasValueSatisfying((value) -> assertThat(value).contains("no-store"));
		assertThat(list.headers().firstValue("Content-Language")).hasValue("de");
	}

	@Test
	void everyFormOfTheHtmxListCarriesACsrfFieldTheSessionAccepts() {
		PortalHttp http = this.users.signedIn(this.port, this.owner);
		String list = members(http, "crew 22", 1, "HX-Request", "true");
		UUID crew = crewOf(list);
		String row = list.substring(list.indexOf("<tr id=\"member-" + crew + "\""));
		row = row.substring(0, row.indexOf("</tr>"));

		// every form of the list has its CSRF field
		assertThat(list.split("<form", -1).length - 1).isPositive().isEqualTo(list.split("name=\"_csrf\"", -1).length - 1);

		// and the row's own field, posted with its role form, is accepted
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(row);
		Matcher version = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(row);
		assertThat(csrf.find() && version.find()).isTrue();
		UUID viewerRole = this.users.roleId(this.team, "Viewer");
		HttpResponse<String> posted = http.postForm("/teams/" + this.team + "/members/" + crew + "/role",
				Map.of("_csrf", csrf.group(1), "version", version.group(1), "roleId", viewerRole.toString()),
				"HX-Request", "true");
		assertThat(posted.statusCode()).isEqualTo(200);
		assertThat(posted.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
		assertThat(posted.body().strip()).startsWith("<tr id=\"member-" + crew + "\"").endsWith("</tr>");
		assertThat(this.memberships.member(this.team, crew).roleId()).isEqualTo(viewerRole);
	}

	@Test
	void thePickerOffersTheSameRolesOnEveryPageWithRowsWhateverItsFirstRowAndPastTheLast() {
		PortalHttp http = this.users.signedIn(this.port, this.admin);
		List<String> expected = this.memberships.rolesGivableBy(this.team, this.admin.id())
			.stream()
			.map((role) -> role.id() + "|" + role.name())
			.toList();
		assertThat(expected).anyMatch((option) -> option.endsWith("|Nobody holds this 4f1c"))
			.noneMatch((option) -> option.endsWith("|Owner"));

		// page 1 begins with the Owner's row (above the Admin: no picker there), pages 2 and 99 with crew
		String first = members(http, "", 1);
		assertThat(crewOf(first, 0)).isEqualTo(this.owner.id());
		assertThat(optionsOfRow(first, this.owner)).isEmpty();
		assertThat(optionsOfRow(first, this.crewFirst)).isEqualTo(expected);
		for (int page : new int[] { 2, 99 }) {
			String html = members(http, "", page, "HX-Request", "true");
			assertThat(html).contains("Page 2 of 2");
			assertThat(optionsOfRow(html, crewOf(html))).as("page " + page).isEqualTo(expected);
		}
		// a search whose first row is the Owner's, and one past its last page
		String owners = members(http, "aa0 owner", 1, "HX-Request", "true");
		assertThat(owners).contains("1 member").doesNotContain("<option");
		String searched = members(http, "vic", 7, "HX-Request", "true");
		assertThat(optionsOfRow(searched, this.viewer)).isEqualTo(expected);
		// no row, no picker, no error
		assertThat(members(http, "nobody is named like this", 1, "HX-Request", "true")).contains("empty-state")
			.doesNotContain("<option");
	}

	@Test
	void aViewerWhoMayNotAssignRolesGetsNoneOfTheTeamsRolesInThePageOrTheList() {
		PortalHttp http = this.users.signedIn(this.port, this.viewer);

		for (String html : new String[] { members(http, "", 1), members(http, "", 2, "HX-Request", "true"),
				members(http, "crew", 1, "HX-Request", "true") }) {
			assertThat(html).doesNotContain("<option", "Nobody holds this 4f1c", this.unassignedRole.toString());
		}
	}

	@Test
	void aRoleNameWithQuotesBackslashesAScriptsEndAndUnicodeComesThroughTheJsonAsTyped() {
		String hostile = "</script><b>\"x\\\\y\"</b> \\u0041 \u2028 Zoë 😀 '`";
		UUID role = UUID.randomUUID();
		this.jdbc.update("insert into aventian.tbl_roles (id, team_id, name, sort_order) values (?, ?, ?, 950)", role,
				this.team, hostile);
		try {
			PortalHttp http = this.users.signedIn(this.port, this.admin);
			String escaped = hostile.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
				.replace("'", "&#39;");

			for (String html : new String[] { members(http, "vic", 1), members(http, "vic", 1, "HX-Request", "true") }) {
				assertThat(optionsOfRow(html, this.viewer)).contains(role + "|" + escaped);
				assertThat(html).doesNotContain("</script><b>");
			}
		}
		finally {
			this.jdbc.update("delete from aventian.tbl_roles where id = ?", role);
		}
	}

	@Test
	void aPickersChoiceThatBecameAboveTheViewerBeforeItWasPostedIsRefusedAndChangesNothing() {
		// given the Admin's picker offering a role without privileges
		PortalHttp http = this.users.signedIn(this.port, this.admin);
		String list = members(http, "vic", 1, "HX-Request", "true");
		assertThat(optionsOfRow(list, this.viewer)).contains(this.unassignedRole + "|Nobody holds this 4f1c");
		int version = this.memberships.member(this.team, this.viewer.id()).version();
		UUID before = this.memberships.member(this.team, this.viewer.id()).roleId();

		// when the role is given team.delete, and then the Admin posts the choice the picker offered
		this.jdbc.update("""
				insert into aventian.tbl_role_privileges (role_id, privilege_id)
				select ?, p.id from aventian.tbl_privileges p where p.code = 'team.delete'""", this.unassignedRole);
		try {
			HttpResponse<String> posted = http.postForm("/teams/" + this.team + "/members/" + this.viewer.id() + "/role",
					Map.of("_csrf", PortalHttp.csrfTokenOf(list), "version", Integer.toString(version), "roleId",
							this.unassignedRole.toString()),
					"HX-Request", "true");

			// then it is refused, nothing changed, and the redrawn row no longer offers it
			assertThat(posted.statusCode()).isEqualTo(200);
			assertThat(posted.body()).contains("role=\"alert\"").contains("You cannot give the role");
			assertThat(optionsOfRow(posted.body(), this.viewer)).noneMatch((option) -> option.startsWith(this.unassignedRole.toString()));
			assertThat(this.memberships.member(this.team, this.viewer.id()).version()).isEqualTo(version);
			assertThat(this.memberships.member(this.team, this.viewer.id()).roleId()).isEqualTo(before);
			assertThat(optionsOfRow(members(http, "vic", 1, "HX-Request", "true"), this.viewer))
				.noneMatch((option) -> option.startsWith(this.unassignedRole.toString()));
		}
		finally {
			this.jdbc.update("delete from aventian.tbl_role_privileges where role_id = ?", this.unassignedRole);
		}
	}

	@Test
	void anotherTeamsRolePostedThroughThePickerIsRefusedAndChangesNothing() {
		PortalHttp http = this.users.signedIn(this.port, this.admin);
		UUID elsewhere = this.users.team("Elsewhere " + UUID.randomUUID(), this.admin);
		UUID foreignRole = this.users.roleId(elsewhere, "Member");
		String list = members(http, "vic", 1, "HX-Request", "true");
		int version = this.memberships.member(this.team, this.viewer.id()).version();

		HttpResponse<String> posted = http.postForm("/teams/" + this.team + "/members/" + this.viewer.id() + "/role",
				Map.of("_csrf", PortalHttp.csrfTokenOf(list), "version", Integer.toString(version), "roleId",
						foreignRole.toString()),
				"HX-Request", "true");

		assertThat(posted.body()).contains("That role does not exist in this team.").doesNotContain(foreignRole.toString());
		assertThat(this.memberships.member(this.team, this.viewer.id()).version()).isEqualTo(version);
	}

	@Test
	void hostileAcceptLanguagesAnswerTheListWithAWellFormedLanguage() {
		PortalHttp http = this.users.signedIn(this.port, this.owner);

		for (String language : new String[] { "*", "i-klingon", "en-US-u-nu-arab", "x-" + "a".repeat(300), "de;q=abc",
				"zz-ZZ, de;q=0.5", "\u00e9", "en-US-x-lvariant-POSIX" }) {
			HttpResponse<String> list = http.get("/teams/" + this.team + "/members", "HX-Request", "true",
					"Accept-Language", language);

			assertThat(list.statusCode()).as(language).isEqualTo(200);
			assertThat(list.body().strip()).as(language).startsWith("<div id=\"members-list\">").endsWith("</div>");
			assertThat(list.headers().firstValue("Content-Language")).as(language)
				.hasValueSatisfying((tag) -> assertThat(tag).matches("[A-Za-z0-9-]{1,200}"));
		}
	}

	/** The first row's member that is neither the Owner nor the Admin. */
	private UUID crewOf(String html) {
		Matcher row = Pattern.compile("<tr id=\"member-([0-9a-f-]{36})\"").matcher(html);
		while (row.find()) {
			UUID id = UUID.fromString(row.group(1));
			if (!id.equals(this.owner.id()) && !id.equals(this.admin.id())) {
				return id;
			}
		}
		throw new AssertionError("no crew row");
	}

	/** The member of the n-th row. */
	private static UUID crewOf(String html, int n) {
		Matcher row = Pattern.compile("<tr id=\"member-([0-9a-f-]{36})\"").matcher(html);
		for (int i = 0; i <= n; i++) {
			assertThat(row.find()).isTrue();
		}
		return UUID.fromString(row.group(1));
	}

	private static List<String> optionsOfRow(String html, User user) {
		return optionsOfRow(html, user.id());
	}

	private static List<String> optionsOfRow(String html, UUID user) {
		int start = html.indexOf("<tr id=\"member-" + user + "\"");
		assertThat(start).as("row of " + user).isNotNegative();
		String row = html.substring(start, html.indexOf("</tr>", start));
		List<String> options = new ArrayList<>();
		Matcher matcher = OPTION.matcher(row);
		while (matcher.find()) {
			options.add(matcher.group(1) + "|" + matcher.group(2));
		}
		return options;
	}

}
