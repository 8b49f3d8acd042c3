package com.aventian.portal.team;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.audit.AuditLog;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@PortalTest
class TeamBadInputTests {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AuditLog audit;

	String nameOf(UUID teamId) {
		return this.jdbc.queryForObject("select name from aventian.tbl_teams where id = ?", String.class, teamId);
	}

	String roleOf(UUID teamId, User user) {
		return this.jdbc.queryForObject("""
				select string_agg(r.name, ',' order by r.sort_order) from aventian.tbl_user_roles ur
				join aventian.tbl_roles r on r.id = ur.role_id where ur.team_id = ? and ur.user_id = ?""", String.class,
				teamId, user.id());
	}

	UUID roleId(UUID teamId, String name) {
		return this.jdbc.queryForObject("select id from aventian.tbl_roles where team_id = ? and name = ?", UUID.class,
				teamId, name);
	}

	int versionOf(UUID teamId, User user) {
		return this.jdbc.queryForObject("select version from aventian.tbl_memberships where team_id = ? and user_id = ?",
				Integer.class, teamId, user.id());
	}

	HttpResponse<String> post(PortalHttp http, String path, Map<String, String> fields, String... headers) {
		return http.submitWithHeaders("/teams/new", path, fields, headers);
	}

	@Nested
	class Renaming {

		@Test
		void anEmptyOrOverlongNameIsRefusedWithAClearMessageAndTheNameStays() {
			User owner = TeamBadInputTests.this.users.create("Rena Rename");
			UUID team = TeamBadInputTests.this.users.team("Keep Me", owner);
			PortalHttp http = TeamBadInputTests.this.users.signedIn(TeamBadInputTests.this.port, owner);

			HttpResponse<String> empty = post(http, "/teams/" + team + "/name", Map.of("name", "   ", "version", "0"));
			HttpResponse<String> overlong = post(http, "/teams/" + team + "/name",
					Map.of("name", "n".repeat(10_000), "version", "0"));

			assertThat(empty.statusCode()).isEqualTo(200);
			assertThat(empty.body()).contains("Enter a name for the team.");
			assertThat(overlong.body()).contains("Use at most 100 characters.");
			assertThat(nameOf(team)).isEqualTo("Keep Me");
		}

		@Test
		void aRenameChangesTheSlugKeepsLinksByIdWorkingAndIsAudited() {
			User owner = TeamBadInputTests.this.users.create("Rena Rename");
			UUID team = TeamBadInputTests.this.users.team("Old Name", owner);
			PortalHttp http = TeamBadInputTests.this.users.signedIn(TeamBadInputTests.this.port, owner);

			assertThat(post(http, "/teams/" + team + "/name", Map.of("name", "Brand New Name", "version", "0"))
				.statusCode()).isEqualTo(302);

			assertThat(nameOf(team)).isEqualTo("Brand New Name");
			assertThat(TeamBadInputTests.this.jdbc.queryForObject("select slug from aventian.tbl_teams where id = ?",
					String.class, team)).isEqualTo("brand-new-name");
			assertThat(http.get("/teams/" + team).body()).contains("Brand New Name");
			assertThat(TeamBadInputTests.this.audit.eventsAbout("team", team.toString())).extracting((e) -> e.action())
				.containsExactly("TEAM_CREATED", "TEAM_RENAMED");
		}

		@Test
		void aRenameFromAStalePageSaysTheTeamWasRenamedMeanwhile() {
			User owner = TeamBadInputTests.this.users.create("Rena Rename");
			UUID team = TeamBadInputTests.this.users.team("First", owner);
			PortalHttp http = TeamBadInputTests.this.users.signedIn(TeamBadInputTests.this.port, owner);
			post(http, "/teams/" + team + "/name", Map.of("name", "Second", "version", "0"));

			HttpResponse<String> stale = post(http, "/teams/" + team + "/name", Map.of("name", "Third", "version", "0"));

			assertThat(stale.body()).contains("The team was renamed meanwhile by someone else");
			assertThat(nameOf(team)).isEqualTo("Second");
		}

	}

	@Nested
	class Members {

		@Test
		void removingSomeoneWhoIsNotAMemberIs404AndChangesNothing() {
			User owner = TeamBadInputTests.this.users.create("Owen Owner");
			User stranger = TeamBadInputTests.this.users.create("Stan Stranger");
			UUID team = TeamBadInputTests.this.users.team("Members Only", owner);
			PortalHttp http = TeamBadInputTests.this.users.signedIn(TeamBadInputTests.this.port, owner);

			assertThat(post(http, "/teams/" + team + "/members/" + stranger.id() + "/remove", Map.of()).statusCode())
				.isEqualTo(404);
			assertThat(post(http, "/teams/" + team + "/members/" + UUID.randomUUID() + "/remove", Map.of()).statusCode())
				.isEqualTo(404);
			assertThat(post(http, "/teams/" + team + "/members/not-an-id/remove", Map.of()).statusCode()).isEqualTo(404);
			assertThat(TeamBadInputTests.this.jdbc.queryForObject(
					"select count(*) from aventian.tbl_memberships where team_id = ?", Integer.class, team)).isEqualTo(1);
		}

		@Test
		void anHtmxRoleChangeRedrawsTheRowWithTheOutcome() {
			User owner = TeamBadInputTests.this.users.create("Owen Owner");
			User member = TeamBadInputTests.this.users.create("Mia Member");
			UUID team = TeamBadInputTests.this.users.team("Rows", owner, member, "Member");
			PortalHttp http = TeamBadInputTests.this.users.signedIn(TeamBadInputTests.this.port, owner);

			HttpResponse<String> row = post(http, "/teams/" + team + "/members/" + member.id() + "/role",
					Map.of("roleId", roleId(team, "Admin").toString(), "version", "0"), "HX-Request", "true");

			assertThat(row.statusCode()).isEqualTo(200);
			assertThat(row.body()).startsWith("<tr").contains("Mia Member is now Admin.");
			assertThat(roleOf(team, member)).isEqualTo("Admin");
		}

		@Test
		void twoRoleChangesFromTheSameViewOfAMemberDoNotOverwriteEachOther() throws Exception {
			User owner = TeamBadInputTests.this.users.create("Owen Owner");
			User coOwner = TeamBadInputTests.this.users.create("Cora Co-owner");
			User member = TeamBadInputTests.this.users.create("Mia Member");
			UUID team = TeamBadInputTests.this.users.team("Race", owner, coOwner, "Owner", member, "Member");
			PortalHttp first = TeamBadInputTests.this.users.signedIn(TeamBadInputTests.this.port, owner);
			PortalHttp second = TeamBadInputTests.this.users.signedIn(TeamBadInputTests.this.port, coOwner);
			String seen = String.valueOf(versionOf(team, member));
			String path = "/teams/" + team + "/members/" + member.id() + "/role";

			var toAdmin = CompletableFuture.supplyAsync(() -> post(first, path,
					Map.of("roleId", roleId(team, "Admin").toString(), "version", seen), "HX-Request", "true").body());
			var toViewer = CompletableFuture.supplyAsync(() -> post(second, path,
					Map.of("roleId", roleId(team, "Viewer").toString(), "version", seen), "HX-Request", "true").body());
			List<String> answers = List.of(toAdmin.get(), toViewer.get());

			assertThat(answers).filteredOn((body) -> body.contains("was changed meanwhile by someone else")).hasSize(1);
			assertThat(answers).filteredOn((body) -> body.contains("Mia Member is now")).hasSize(1);
			String winner = answers.stream().filter((body) -> body.contains("is now Admin")).findAny().isPresent() ? "Admin" : "Viewer";
			assertThat(roleOf(team, member)).isEqualTo(winner);
		}

		@Test
		void aCraftedRequestGivingARoleAboveOnesOwnIsRefused() {
			User owner = TeamBadInputTests.this.users.create("Owen Owner");
			User admin = TeamBadInputTests.this.users.create("Ada Admin");
			User member = TeamBadInputTests.this.users.create("Mia Member");
			UUID team = TeamBadInputTests.this.users.team("Ranks", owner, admin, "Admin", member, "Member");
			PortalHttp http = TeamBadInputTests.this.users.signedIn(TeamBadInputTests.this.port, admin);

			HttpResponse<String> promote = post(http, "/teams/" + team + "/members/" + member.id() + "/role",
					Map.of("roleId", roleId(team, "Owner").toString(), "version", "0"), "HX-Request", "true");
			HttpResponse<String> self = post(http, "/teams/" + team + "/members/" + admin.id() + "/role",
					Map.of("roleId", roleId(team, "Owner").toString(), "version", "0"), "HX-Request", "true");
			HttpResponse<String> demoteOwner = post(http, "/teams/" + team + "/members/" + owner.id() + "/role",
					Map.of("roleId", roleId(team, "Viewer").toString(), "version", "0"), "HX-Request", "true");
			HttpResponse<String> removeOwner = post(http, "/teams/" + team + "/members/" + owner.id() + "/remove", Map.of());

			assertThat(promote.body()).contains("You cannot give the role Owner: it holds privileges you do not have.");
			assertThat(self.body()).contains("You cannot give the role Owner");
			assertThat(demoteOwner.body()).contains("You cannot change the role of Owen Owner: they hold privileges you do not have.");
			assertThat(removeOwner.body()).contains("You cannot remove Owen Owner");
			assertThat(roleOf(team, member)).isEqualTo("Member");
			assertThat(roleOf(team, admin)).isEqualTo("Admin");
			assertThat(roleOf(team, owner)).isEqualTo("Owner");
		}

		@Test
		void theLastOwnerCannotBeDemotedAndNothingChanges() {
			User owner = TeamBadInputTests.this.users.create("Lone Owner");
			UUID team = TeamBadInputTests.this.users.team("Lonely", owner);
			PortalHttp http = TeamBadInputTests.this.users.signedIn(TeamBadInputTests.this.port, owner);

			HttpResponse<String> demote = post(http, "/teams/" + team + "/members/" + owner.id() + "/role",
					Map.of("roleId", roleId(team, "Admin").toString(), "version", "0"), "HX-Request", "true");

			assertThat(demote.body()).contains("Lone Owner is the team&#39;s last owner: make someone else an owner first.");
			assertThat(roleOf(team, owner)).isEqualTo("Owner");
			assertThat(versionOf(team, owner)).isZero();
		}

		@Test
		void anOwnerTransfersOwnershipAndBecomesAnAdmin() {
			User owner = TeamBadInputTests.this.users.create("Owen Owner");
			User heir = TeamBadInputTests.this.users.create("Hal Heir");
			UUID team = TeamBadInputTests.this.users.team("Handover", owner, heir, "Member");
			PortalHttp http = TeamBadInputTests.this.users.signedIn(TeamBadInputTests.this.port, owner);

			assertThat(post(http, "/teams/" + team + "/members/" + heir.id() + "/ownership", Map.of()).statusCode())
				.isEqualTo(302);

			assertThat(roleOf(team, heir)).isEqualTo("Owner");
			assertThat(roleOf(team, owner)).isEqualTo("Admin");
			assertThat(TeamBadInputTests.this.audit.eventsAbout("user", heir.id().toString())).extracting((e) -> e.action())
				.contains("OWNERSHIP_TRANSFERRED");
		}

	}

	@Nested
	class Deleting {

		@Test
		void aTeamIsDeletedOnlyWithItsNameTypedAndKeepsItsAuditTrail() {
			User owner = TeamBadInputTests.this.users.create("Dee Delete");
			User member = TeamBadInputTests.this.users.create("Mo Member");
			UUID team = TeamBadInputTests.this.users.team("Doomed", owner, member, "Member");
			PortalHttp http = TeamBadInputTests.this.users.signedIn(TeamBadInputTests.this.port, owner);
			PortalHttp memberHttp = TeamBadInputTests.this.users.signedIn(TeamBadInputTests.this.port, member);

			HttpResponse<String> wrong = post(http, "/teams/" + team + "/delete", Map.of("confirmName", "doomed"));
			assertThat(wrong.body()).contains("Type the team&#39;s name exactly");
			assertThat(http.get("/teams/" + team).statusCode()).isEqualTo(200);
			assertThat(post(memberHttp, "/teams/" + team + "/delete", Map.of("confirmName", "Doomed")).statusCode())
				.isEqualTo(403);

			assertThat(post(http, "/teams/" + team + "/delete", Map.of("confirmName", "Doomed")).statusCode())
				.isEqualTo(302);

			assertThat(http.get("/teams/" + team).statusCode()).isEqualTo(404);
			assertThat(memberHttp.get("/teams/" + team).statusCode()).isEqualTo(404);
			assertThat(memberHttp.get("/").headers().firstValue("Location")).isEmpty();
			assertThat(TeamBadInputTests.this.jdbc.queryForObject(
					"select deleted_at is not null from aventian.tbl_teams where id = ?", Boolean.class, team)).isTrue();
			assertThat(TeamBadInputTests.this.audit.eventsAbout("team", team.toString())).extracting((e) -> e.action())
				.containsExactly("TEAM_CREATED", "TEAM_DELETED");
		}

	}

}
