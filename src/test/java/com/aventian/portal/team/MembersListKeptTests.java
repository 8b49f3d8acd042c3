package com.aventian.portal.team;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.aventian.portal.MovableClock;
import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.RecordedStatements;
import com.aventian.portal.RecordedStatements.Statement;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.team.MembershipService.Actor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.aventian.portal.team.TeamPageCostTests.PAGE;
import static com.aventian.portal.team.TeamPageCostTests.VERSION;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The members list kept per team and version of its list (V32, {@link KeptMembersLists}): every kind of change of
 * what the list shows is on the very next list, though the list was kept (each test first proves it was: the version's
 * statement alone served it), whoever made the change (the services, or SQL as an operator or another instance
 * would); what the list does not show keeps it, and so does a member's last activity (approximate by design,
 * {@link TeamActivity}), which is on the first list read one {@link TeamActivity#INTERVAL} after the kept one; and a kept list is only ever served to the viewer, team, search and
 * page it was written for, with the requesting session's CSRF field, the same bytes as a list written fresh.
 */
@PortalTest
@Import(MovableClock.Config.class)
class MembersListKeptTests {

	private static final Pattern CSRF_VALUE = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	RecordedStatements statements;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MembershipService memberships;

	@Autowired
	TeamService teams;

	@Autowired
	MovableClock clock;

	User owner;

	User max;

	User ada;

	UUID team;

	@AfterEach
	void timeAsIs() {
		this.clock.reset();
	}

	@BeforeEach
	void aTeamWithAnOwnerAMemberAndAnAdmin() {
		this.owner = this.users.create("Olga Owner");
		this.max = this.users.create("Max Member");
		this.ada = this.users.create("Ada Admin");
		this.team = this.users.team("Kept " + UUID.randomUUID(), this.owner, this.max, "Member", this.ada, "Admin");
	}

	/** A signed-in viewer who has visited the team (their last activity noted: no write on their later lists). */
	PortalHttp viewer(User user) {
		PortalHttp http = this.users.signedIn(this.port, user);
		http.get("/teams/" + this.team);
		return http;
	}

	String path() {
		return "/teams/" + this.team + "/members";
	}

	/** The htmx list, the statements it ran. */
	Answer list(PortalHttp http, String path) {
		this.statements.start();
		HttpResponse<String> response = http.get(path, "HX-Request", "true");
		List<Statement> ran = this.statements.stop();
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		assertThat(ran).as(path + " writes").noneMatch(Statement::isWrite);
		return new Answer(response.body(), ran.stream().map(Statement::name).toList());
	}

	record Answer(String body, List<String> statements) {

		Answer kept() {
			assertThat(this.statements).as("served kept").containsExactly(VERSION);
			return this;
		}

		Answer readAgain() {
			assertThat(this.statements).as("read again").contains(PAGE);
			return this;
		}

		String row(UUID userId) {
			int from = this.body.indexOf("id=\"member-" + userId + "\"");
			assertThat(from).as("row of " + userId).isNotNegative();
			return this.body.substring(from, this.body.indexOf("</tr>", from));
		}

	}

	/** The list read, then served kept: the test's change must evict it to show. */
	Answer kept(PortalHttp http) {
		list(http, path());
		return list(http, path()).kept();
	}

	Actor actor(User user) {
		return new Actor(user.id(), user.email());
	}

	@Nested
	class EveryChangeOfWhatTheListShowsIsOnTheNextList {

		@Test
		void aMemberJoins() {
			PortalHttp http = viewer(MembersListKeptTests.this.owner);
			assertThat(kept(http).body()).doesNotContain("Nina Newcomer");
			User nina = MembersListKeptTests.this.users.create("Nina Newcomer");

			MembersListKeptTests.this.memberships.addMemberWithRole(MembersListKeptTests.this.team, nina.id(),
					MembersListKeptTests.this.users.roleId(MembersListKeptTests.this.team, "Member"),
					MembersListKeptTests.this.owner.id());

			assertThat(list(http, path()).readAgain().body()).contains("Nina Newcomer").contains(">4 members<");
		}

		@Test
		void aMemberLeaves() {
			PortalHttp http = viewer(MembersListKeptTests.this.owner);
			assertThat(kept(http).body()).contains("Max Member");

			MembersListKeptTests.this.memberships.leave(actor(MembersListKeptTests.this.max), MembersListKeptTests.this.team);

			assertThat(list(http, path()).readAgain().body()).doesNotContain("Max Member").contains(">2 members<");
		}

		@Test
		void aMemberIsRemoved() {
			PortalHttp http = viewer(MembersListKeptTests.this.owner);
			assertThat(kept(http).body()).contains("Ada Admin");

			MembersListKeptTests.this.memberships.remove(actor(MembersListKeptTests.this.owner),
					MembersListKeptTests.this.team, MembersListKeptTests.this.ada.id());

			assertThat(list(http, path()).readAgain().body()).doesNotContain("Ada Admin");
		}

		@Test
		void aMembersRoleChanges() {
			PortalHttp http = viewer(MembersListKeptTests.this.owner);
			UUID admin = MembersListKeptTests.this.users.roleId(MembersListKeptTests.this.team, "Admin");
			assertThat(kept(http).row(MembersListKeptTests.this.max.id())).doesNotContain(admin + "\" selected");

			MembersListKeptTests.this.memberships.changeRole(actor(MembersListKeptTests.this.owner),
					MembersListKeptTests.this.team, MembersListKeptTests.this.max.id(), admin, MembersListKeptTests.this.memberships
						.member(MembersListKeptTests.this.team, MembersListKeptTests.this.max.id()).version());

			assertThat(list(http, path()).readAgain().row(MembersListKeptTests.this.max.id()))
				.contains(admin + "\" selected=\"selected\"");
		}

		@Test
		void aGrantIsGivenThenRevoked() {
			// seen by a member without a picker: the roles are the row's text
			PortalHttp http = viewer(MembersListKeptTests.this.max);
			UUID viewerRole = MembersListKeptTests.this.users.roleId(MembersListKeptTests.this.team, "Viewer");
			assertThat(kept(http).row(MembersListKeptTests.this.ada.id())).contains("member-roles\">Admin<");

			sql("insert into aventian.tbl_user_roles (team_id, user_id, role_id) values (?, ?, ?)",
					MembersListKeptTests.this.team, MembersListKeptTests.this.ada.id(), viewerRole);
			assertThat(list(http, path()).readAgain().row(MembersListKeptTests.this.ada.id()))
				.contains("member-roles\">Admin, Viewer<");
			assertThat(list(http, path()).kept().row(MembersListKeptTests.this.ada.id())).contains("Admin, Viewer");

			sql("delete from aventian.tbl_user_roles where user_id = ? and role_id = ?", MembersListKeptTests.this.ada.id(),
					viewerRole);
			assertThat(list(http, path()).readAgain().row(MembersListKeptTests.this.ada.id()))
				.contains("member-roles\">Admin<");
		}

		@Test
		void aRoleIsRenamed() {
			PortalHttp http = viewer(MembersListKeptTests.this.max);
			assertThat(kept(http).row(MembersListKeptTests.this.max.id())).contains("member-roles\">Member<");

			sql("update aventian.tbl_roles set name = 'Crew' where id = ?",
					MembersListKeptTests.this.users.roleId(MembersListKeptTests.this.team, "Member"));

			assertThat(list(http, path()).readAgain().row(MembersListKeptTests.this.max.id()))
				.contains("member-roles\">Crew<");
		}

		@Test
		void aRolesPrivilegesChange() {
			// the owner may hand ownership to anyone who is not an owner: holding team.delete makes Max one
			PortalHttp http = viewer(MembersListKeptTests.this.owner);
			assertThat(kept(http).row(MembersListKeptTests.this.max.id())).contains("/ownership");

			sql("insert into aventian.tbl_role_privileges (role_id, privilege_id) select ?, id from aventian.tbl_privileges "
					+ "where code = 'team.delete' and product_id is null",
					MembersListKeptTests.this.users.roleId(MembersListKeptTests.this.team, "Member"));

			assertThat(list(http, path()).readAgain().row(MembersListKeptTests.this.max.id())).doesNotContain("/ownership");
		}

		@Test
		void aRoleIsAddedThenDeleted() {
			PortalHttp http = viewer(MembersListKeptTests.this.owner);
			assertThat(kept(http).body()).doesNotContain("Auditor");

			sql("insert into aventian.tbl_roles (team_id, name) values (?, 'Auditor')", MembersListKeptTests.this.team);
			assertThat(list(http, path()).readAgain().row(MembersListKeptTests.this.max.id())).contains(">Auditor</option>");

			sql("delete from aventian.tbl_roles where team_id = ? and name = 'Auditor'", MembersListKeptTests.this.team);
			assertThat(list(http, path()).readAgain().body()).doesNotContain("Auditor");
		}

		@Test
		void aMemberRenamesThemselfThenChangesTheirEmail() {
			PortalHttp http = viewer(MembersListKeptTests.this.owner);
			assertThat(kept(http).body()).contains("Max Member");

			sql("update aventian.tbl_users set display_name = 'MAX MEMBER' where id = ?", MembersListKeptTests.this.max.id());
			assertThat(list(http, path()).readAgain().body()).contains("MAX MEMBER").doesNotContain("Max Member");
			list(http, path()).kept();

			sql("update aventian.tbl_users set email = 'max.renamed@example.com' where id = ?",
					MembersListKeptTests.this.max.id());
			assertThat(list(http, path()).readAgain().body()).contains("max.renamed@example.com");
		}

		@Test
		void ownershipIsTransferred() {
			// seen by an admin, who may not give the owner's role: an owner's row shows it as text
			PortalHttp http = viewer(MembersListKeptTests.this.ada);
			assertThat(kept(http).row(MembersListKeptTests.this.max.id())).contains("name=\"roleId\"");

			MembersListKeptTests.this.memberships.transferOwnership(actor(MembersListKeptTests.this.owner),
					MembersListKeptTests.this.team, MembersListKeptTests.this.max.id());

			assertThat(list(http, path()).readAgain().row(MembersListKeptTests.this.max.id()))
				.contains("member-roles\">Owner<");
		}

		@Test
		void theTeamIsDeleted() {
			PortalHttp http = viewer(MembersListKeptTests.this.owner);
			kept(http);
			long before = version();

			MembersListKeptTests.this.teams.delete(MembersListKeptTests.this.team, MembersListKeptTests.this.owner.id(),
					MembersListKeptTests.this.owner.email(), MembersListKeptTests.this.teams.team(MembersListKeptTests.this.team).name());

			assertThat(version()).isGreaterThan(before);
			assertThat(http.get(path(), "HX-Request", "true").statusCode()).isEqualTo(404);
		}

		@Test
		void whatTheListDoesNotShowKeepsIt() {
			// a sign-in's update of the user, a role's edit counter, a grant's grantor: not on the list
			PortalHttp http = viewer(MembersListKeptTests.this.owner);
			kept(http);

			sql("update aventian.tbl_users set updated_at = now(), last_team_id = ? where id = ?",
					MembersListKeptTests.this.team, MembersListKeptTests.this.max.id());
			sql("update aventian.tbl_roles set version = version + 1, updated_at = now() where team_id = ?",
					MembersListKeptTests.this.team);
			sql("update aventian.tbl_user_roles set granted_by = null where team_id = ?", MembersListKeptTests.this.team);
			sql("update aventian.tbl_memberships set sort_name = sort_name where team_id = ?", MembersListKeptTests.this.team);

			list(http, path()).kept();
		}

		@Test
		void aMembersLastActivityAloneKeepsTheList() {
			// written at most once an interval per member (TeamActivity): in a busy team it would evict all the time
			PortalHttp http = viewer(MembersListKeptTests.this.owner);
			kept(http);

			// the portal's own statement (TeamActivity), then a time the list would show
			MembersListKeptTests.this.teams.touch(MembersListKeptTests.this.team, MembersListKeptTests.this.max.id());
			assertThat(MembersListKeptTests.this.jdbc.queryForObject("select count(*) from aventian.tbl_memberships "
					+ "where team_id = ? and user_id = ? and last_active_at is not null", Integer.class,
					MembersListKeptTests.this.team, MembersListKeptTests.this.max.id())).as("touched").isEqualTo(1);
			list(http, path()).kept();
			lastActiveIn2031(MembersListKeptTests.this.max);

			assertThat(list(http, path()).kept().row(MembersListKeptTests.this.max.id())).doesNotContain("2031");
		}

		@Test
		void aMembersLastActivityIsOnTheFirstListOneIntervalAfterTheKeptListWasRead() {
			PortalHttp http = viewer(MembersListKeptTests.this.owner);
			kept(http);
			lastActiveIn2031(MembersListKeptTests.this.max);

			MembersListKeptTests.this.clock.advance(TeamActivity.INTERVAL.minusSeconds(10));
			assertThat(list(http, path()).kept().row(MembersListKeptTests.this.max.id())).doesNotContain("2031");

			MembersListKeptTests.this.clock.advance(Duration.ofSeconds(10));
			// the viewer's own activity, due again: noted by the team's home, so the list itself writes nothing
			http.get("/teams/" + MembersListKeptTests.this.team);
			assertThat(list(http, path()).readAgain().row(MembersListKeptTests.this.max.id())).contains("Jun 2031");
		}

		private void lastActiveIn2031(User member) {
			sql("update aventian.tbl_memberships set last_active_at = timestamptz '2031-06-15 12:00:00+00' "
					+ "where team_id = ? and user_id = ?", MembersListKeptTests.this.team, member.id());
		}

		private long version() {
			return MembersListKeptTests.this.jdbc.queryForObject(
					"select coalesce((select version from aventian.tbl_member_list_versions where team_id = ?), -1)",
					Long.class, MembersListKeptTests.this.team);
		}

	}

	@Nested
	class AKeptListGoesOnlyToWhomItWasWrittenFor {

		@Test
		void aViewerOfAnotherTeamGetsThatTeamsList() {
			PortalHttp http = viewer(MembersListKeptTests.this.owner);
			kept(http);
			User bob = MembersListKeptTests.this.users.create("Bob Elsewhere");
			UUID other = MembersListKeptTests.this.users.team("Other " + UUID.randomUUID(), MembersListKeptTests.this.owner,
					bob, "Member");

			Answer otherList = list(http, "/teams/" + other + "/members");

			assertThat(otherList.readAgain().body()).contains("Bob Elsewhere").doesNotContain("Max Member");
		}

		@Test
		void aViewerWhoMayNotAssignRolesNeverGetsTheOwnersPicker() {
			assertThat(kept(viewer(MembersListKeptTests.this.owner)).body()).contains("name=\"roleId\"");

			Answer members = list(viewer(MembersListKeptTests.this.max), path());

			assertThat(members.readAgain().body()).doesNotContain("name=\"roleId\"").doesNotContain("/ownership");
		}

		@Test
		void aDemotedViewersNextListHasNoPicker() {
			PortalHttp http = viewer(MembersListKeptTests.this.ada);
			assertThat(kept(http).body()).contains("name=\"roleId\"");

			MembersListKeptTests.this.memberships.changeRole(actor(MembersListKeptTests.this.owner),
					MembersListKeptTests.this.team, MembersListKeptTests.this.ada.id(),
					MembersListKeptTests.this.users.roleId(MembersListKeptTests.this.team, "Member"),
					MembersListKeptTests.this.memberships.member(MembersListKeptTests.this.team, MembersListKeptTests.this.ada.id())
						.version());

			assertThat(http.get(path(), "HX-Request", "true").body()).doesNotContain("name=\"roleId\"")
				.doesNotContain("/remove");
		}

		@Test
		void eachSearchAndPageHasItsOwnList() {
			PortalHttp http = viewer(MembersListKeptTests.this.owner);
			kept(http);

			assertThat(list(http, path() + "?q=ada").readAgain().body()).contains("Ada Admin").doesNotContain("Max Member");
			assertThat(list(http, path() + "?q=max").readAgain().body()).contains("Max Member").doesNotContain("Ada Admin");
			assertThat(list(http, path() + "?q=ada").kept().body()).contains("Ada Admin").doesNotContain("Max Member");
		}

		@Test
		void aKeptListCarriesTheRequestingSessionsCsrfFieldWhichItsFormsAccept() {
			PortalHttp http = viewer(MembersListKeptTests.this.owner);
			String first = csrfOf(list(http, path()).body());
			String hit = list(http, path()).kept().body();
			String second = csrfOf(hit);
			String otherSessions = csrfOf(kept(viewer(MembersListKeptTests.this.owner)).body());

			assertThat(second).isNotEqualTo(first).isNotEqualTo(otherSessions);
			// the kept list's form for Max's role, submitted with the token it carries, is accepted
			UUID admin = MembersListKeptTests.this.users.roleId(MembersListKeptTests.this.team, "Admin");
			HttpResponse<String> changed = http.postForm(path() + "/" + MembersListKeptTests.this.max.id() + "/role",
					Map.of("_csrf", second, "roleId", admin.toString(), "version", "0"), "HX-Request", "true");
			assertThat(changed.statusCode()).isEqualTo(200);
			assertThat(changed.body()).contains(admin + "\" selected=\"selected\"");
		}

	}

	@Nested
	class AKeptListIsTheSameBytesAsOneWrittenFresh {

		@Test
		void theHtmxList() {
			PortalHttp http = viewer(MembersListKeptTests.this.owner);
			Answer fresh = list(http, path() + "?q=a").readAgain();
			Answer kept = list(http, path() + "?q=a").kept();

			assertThat(withoutCsrf(kept.body())).isEqualTo(withoutCsrf(fresh.body()));
			assertThat(kept.body()).isNotEqualTo(fresh.body()).as("only the masked token differs");
		}

		@Test
		void thePage() {
			PortalHttp http = viewer(MembersListKeptTests.this.owner);
			MembersListKeptTests.this.statements.start();
			String fresh = http.get(path()).body();
			assertThat(MembersListKeptTests.this.statements.stop()).extracting(Statement::name).contains(PAGE);
			MembersListKeptTests.this.statements.start();
			String kept = http.get(path()).body();
			assertThat(MembersListKeptTests.this.statements.stop()).extracting(Statement::name).containsExactly(VERSION);

			assertThat(withoutCsrf(kept)).isEqualTo(withoutCsrf(fresh)).contains("name=\"roleId\"");
		}

	}

	@Nested
	class ThePageCarriesTheKeptListsBytes {

		@Test
		void theListInThePageIsTheHtmxListsBytesWithThePagesOwnCsrfField() {
			// given a member whose name is beyond ASCII and reads like markup
			User named = MembersListKeptTests.this.users.create("<i>Zo\u00eb</i> \u6f22\u5b57 \ud83d\ude00 & \"co\"");
			MembersListKeptTests.this.memberships.addMemberWithRole(MembersListKeptTests.this.team, named.id(),
					MembersListKeptTests.this.users.roleId(MembersListKeptTests.this.team, "Member"),
					MembersListKeptTests.this.owner.id());
			PortalHttp http = viewer(MembersListKeptTests.this.owner);
			String list = kept(http).body();

			// when the page is served from the kept list, twice
			MembersListKeptTests.this.statements.start();
			HttpResponse<String> page = http.get(path());
			assertThat(MembersListKeptTests.this.statements.stop()).extracting(Statement::name).containsExactly(VERSION);
			String next = http.get(path()).body();

			// then it holds the list byte for byte as the htmx list sends it, with the page's own token in every row
			String token = csrfOf(page.body());
			assertThat(page.body()).contains("<meta name=\"csrf-token\" content=\"" + token + "\">");
			assertThat(withoutCsrf(page.body())).contains(withoutCsrf(list))
				.contains("&lt;i&gt;Zo\u00eb&lt;/i&gt; \u6f22\u5b57 \ud83d\ude00 &amp; &quot;co&quot;");
			assertThat(page.body().split(Pattern.quote("value=\"" + token + "\""), -1)).hasSizeGreaterThan(3);
			assertThat(csrfOf(next)).isNotEqualTo(token);
			assertThat(page.headers().firstValueAsLong("Content-Length"))
				.hasValue(page.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
		}

	}

	void sql(String sql, Object... arguments) {
		this.jdbc.update(sql, arguments);
	}

	static String csrfOf(String html) {
		Matcher matcher = CSRF_VALUE.matcher(html);
		assertThat(matcher.find()).as("a CSRF field").isTrue();
		return matcher.group(1);
	}

	/** Every CSRF token of a page (the rows' fields, the layout's meta tag) as one placeholder. */
	static String withoutCsrf(String html) {
		String token = csrfOf(html);
		assertThat(html.indexOf(token)).isNotNegative();
		return html.replace(token, "TOKEN");
	}

}
