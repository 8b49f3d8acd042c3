package com.aventian.portal.rbac;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The role editor over HTTP, including requests crafted by hand rather than made by its buttons: each
 * escalation is refused with a clear message and nothing is stored.
 */
@PortalTest
class RoleEditorPageTests {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	EditorFixtures rbac;

	@Autowired
	JdbcTemplate jdbc;

	User owner;

	User admin;

	UUID team;

	EditorFixtures.Crm crm;

	UUID custom;

	@BeforeEach
	void aTeamWithAnAdminAndACustomRole() {
		this.owner = this.users.create("Olga Owner");
		this.admin = this.users.create("Adam Admin");
		this.team = this.users.team("Editor " + UUID.randomUUID(), this.owner, this.admin, "Admin");
		this.crm = this.rbac.crm();
		this.rbac.associate(this.team, this.crm);
		this.custom = this.jdbc.queryForObject(
				"insert into aventian.tbl_roles (team_id, name) values (?, 'Helpers') returning id", UUID.class, this.team);
	}

	String roles() {
		return "/teams/" + this.team + "/roles";
	}

	/** Every role of every team with its version, name, description and privileges, as one comparable text. */
	String allRoles() {
		return this.jdbc.queryForObject("""
				select string_agg(row, '|' order by row) from (
				  select r.id || ':' || r.version || ':' || r.name || ':' || r.description || ':'
				         || coalesce((select string_agg(p.code, ',' order by p.code) from aventian.tbl_role_privileges rp
				                      join aventian.tbl_privileges p on p.id = rp.privilege_id where rp.role_id = r.id), '') as row
				  from aventian.tbl_roles r) rows""", String.class);
	}

	HttpResponse<String> toggle(PortalHttp http, UUID roleId, String privilege, boolean granted, int version) {
		return http.submitWithHeaders(roles(), roles() + "/privileges", Map.of("roleId", roleId.toString(), "privilege",
				privilege, "granted", String.valueOf(granted), "version", String.valueOf(version)), "HX-Request", "true");
	}

	@Nested
	class CraftedRequestsAreRefusedAndStoreNothing {

		@Test
		void grantingAPrivilegeTheEditorLacks() {
			PortalHttp admin = RoleEditorPageTests.this.users.signedIn(RoleEditorPageTests.this.port, RoleEditorPageTests.this.admin);
			String before = allRoles();

			HttpResponse<String> response = toggle(admin, RoleEditorPageTests.this.custom, "billing.manage", true, 0);

			assertThat(HtmlUtils.htmlUnescape(response.body()))
				.contains("You cannot grant billing.manage: you do not hold it yourself.");
			assertThat(allRoles()).isEqualTo(before);
		}

		@Test
		void editingASystemRole() {
			UUID system = RoleEditorPageTests.this.rbac.systemRole(RoleEditorPageTests.this.team, "Platform support", true,
					"team.read");
			PortalHttp owner = RoleEditorPageTests.this.users.signedIn(RoleEditorPageTests.this.port, RoleEditorPageTests.this.owner);
			String before = allRoles();

			HttpResponse<String> toggle = toggle(owner, system, "members.read", true, 0);
			HttpResponse<String> rename = owner.submit(roles(), roles() + "/rename",
					Map.of("roleId", system.toString(), "name", "Mine now", "version", "0"));

			assertThat(HtmlUtils.htmlUnescape(toggle.body()))
				.contains("Platform support is a system role: the platform manages it, it cannot be edited here.");
			assertThat(HtmlUtils.htmlUnescape(rename.body())).contains("Platform support is a system role");
			assertThat(allRoles()).isEqualTo(before);
		}

		@Test
		void editingAnInvisibleSystemRoleWhichTheTeamsPagesNeverShow() {
			UUID invisible = RoleEditorPageTests.this.rbac.systemRole(RoleEditorPageTests.this.team, "Service account",
					false, "team.read");
			PortalHttp owner = RoleEditorPageTests.this.users.signedIn(RoleEditorPageTests.this.port, RoleEditorPageTests.this.owner);
			String before = allRoles();

			HttpResponse<String> response = toggle(owner, invisible, "members.read", true, 0);

			assertThat(response.body()).contains("That role does not exist in this team.").doesNotContain("Service account");
			assertThat(owner.get(roles()).body()).doesNotContain("Service account");
			assertThat(allRoles()).isEqualTo(before);
		}

		@Test
		void editingARoleOfAnotherTeam() {
			User stranger = RoleEditorPageTests.this.users.create("Sam Stranger");
			UUID otherTeam = RoleEditorPageTests.this.users.team("Other " + UUID.randomUUID(), stranger);
			UUID theirs = RoleEditorPageTests.this.users.roleId(otherTeam, "Viewer");
			PortalHttp owner = RoleEditorPageTests.this.users.signedIn(RoleEditorPageTests.this.port, RoleEditorPageTests.this.owner);
			String before = allRoles();

			HttpResponse<String> toggle = toggle(owner, theirs, "members.read", true, 0);
			HttpResponse<String> delete = owner.submit(roles(), roles() + "/delete",
					Map.of("roleId", theirs.toString(), "version", "0", "confirmed", "true"));
			HttpResponse<String> clone = owner.submit(roles(), roles() + "/clone",
					Map.of("roleId", theirs.toString(), "name", "Stolen"));

			assertThat(toggle.body()).contains("That role does not exist in this team.");
			assertThat(delete.body()).contains("That role does not exist in this team.");
			assertThat(clone.body()).contains("That role does not exist in this team.");
			assertThat(allRoles()).isEqualTo(before);
		}

		@Test
		void editingARoleThatHoldsPrivilegesTheEditorLacks() {
			UUID ownerRole = RoleEditorPageTests.this.users.roleId(RoleEditorPageTests.this.team, "Owner");
			PortalHttp admin = RoleEditorPageTests.this.users.signedIn(RoleEditorPageTests.this.port, RoleEditorPageTests.this.admin);
			String before = allRoles();

			HttpResponse<String> response = toggle(admin, ownerRole, "members.read", false, 0);

			assertThat(HtmlUtils.htmlUnescape(response.body())).contains("You cannot edit Owner: it holds privileges you do not have");
			assertThat(allRoles()).isEqualTo(before);
		}

		@Test
		void aStaleVersionIsToldTheRoleChangedMeanwhileAndSeesTheCurrentState() {
			PortalHttp owner = RoleEditorPageTests.this.users.signedIn(RoleEditorPageTests.this.port, RoleEditorPageTests.this.owner);
			assertThat(toggle(owner, RoleEditorPageTests.this.custom, "members.read", true, 0).body())
				.contains("Granted members.read.");
			String before = allRoles();

			HttpResponse<String> stale = toggle(owner, RoleEditorPageTests.this.custom, "team.read", true, 0);

			assertThat(stale.body()).contains("Helpers was changed by someone else meanwhile.")
				.contains("data-role=\"Helpers\" data-privilege=\"members.read\" data-granted=\"true\"")
				.contains("data-role=\"Helpers\" data-privilege=\"team.read\" data-granted=\"false\"");
			assertThat(allRoles()).isEqualTo(before);
		}

	}

	@Nested
	class ThePage {

		@Test
		void eachCellThatCannotChangeSaysWhy() {
			RoleEditorPageTests.this.rbac.systemRole(RoleEditorPageTests.this.team, "Platform support", true, "team.read");
			PortalHttp admin = RoleEditorPageTests.this.users.signedIn(RoleEditorPageTests.this.port, RoleEditorPageTests.this.admin);

			String page = HtmlUtils.htmlUnescape(admin.get(roles()).body());

			assertThat(page).contains("Granted. Platform support is a system role: the platform manages it.")
				.contains("Not granted. You do not hold team.delete yourself.")
				.contains("Owner holds privileges you do not have.")
				.contains("CRM " + RoleEditorPageTests.this.crm.code() + " · contact")
				.contains("Read contacts");
		}

		@Test
		void aCellTogglesOverHtmxAndOnlyTheEditorComesBack() {
			PortalHttp owner = RoleEditorPageTests.this.users.signedIn(RoleEditorPageTests.this.port, RoleEditorPageTests.this.owner);

			HttpResponse<String> response = toggle(owner, RoleEditorPageTests.this.custom, "team.read", true, 0);

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).startsWith("<div id=\"role-editor\">").doesNotContain("<html")
				.contains("data-role=\"Helpers\" data-privilege=\"team.read\" data-granted=\"true\"");
		}

		@Test
		void aRefusedNewRoleKeepsWhatWasTypedAndStoresNothing() {
			PortalHttp owner = RoleEditorPageTests.this.users.signedIn(RoleEditorPageTests.this.port, RoleEditorPageTests.this.owner);
			String before = allRoles();

			HttpResponse<String> response = owner.submit(roles(), roles(),
					Map.of("name", "Helpers", "description", "Typed with care", "templateId", ""));

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("This team already has a role named Helpers.")
				.contains("value=\"Typed with care\"");
			assertThat(allRoles()).isEqualTo(before);
		}

		@Test
		void removingAPrivilegeSomeoneWouldLoseAsksFirstAndNamesThem() {
			User mia = RoleEditorPageTests.this.users.create("Mia Member");
			RoleEditorPageTests.this.jdbc.update("insert into aventian.tbl_memberships (team_id, user_id) values (?, ?)",
					RoleEditorPageTests.this.team, mia.id());
			RoleEditorPageTests.this.jdbc.update("""
					insert into aventian.tbl_role_privileges (role_id, privilege_id)
					select ?, id from aventian.tbl_privileges where code = 'members.read'""", RoleEditorPageTests.this.custom);
			RoleEditorPageTests.this.rbac.grant(RoleEditorPageTests.this.team, mia.id(), RoleEditorPageTests.this.custom, null);
			PortalHttp owner = RoleEditorPageTests.this.users.signedIn(RoleEditorPageTests.this.port, RoleEditorPageTests.this.owner);
			String before = allRoles();

			HttpResponse<String> asked = toggle(owner, RoleEditorPageTests.this.custom, "members.read", false, 0);

			assertThat(HtmlUtils.htmlUnescape(asked.body())).contains("Removing members.read (through Helpers) takes it away from 1 member:")
				.contains("Mia Member (team-wide)");
			assertThat(allRoles()).isEqualTo(before);

			HttpResponse<String> confirmed = owner.submitWithHeaders(roles(), roles() + "/privileges",
					Map.of("roleId", RoleEditorPageTests.this.custom.toString(), "privilege", "members.read", "granted", "false",
							"version", "0", "confirmed", "true"), "HX-Request", "true");
			assertThat(confirmed.body()).contains("Removed members.read.");
		}

		@Test
		void whyNamesTheGrantOrSaysNothingGivesIt() {
			User mia = RoleEditorPageTests.this.users.create("Mia Member");
			RoleEditorPageTests.this.jdbc.update("insert into aventian.tbl_memberships (team_id, user_id) values (?, ?)",
					RoleEditorPageTests.this.team, mia.id());
			UUID acme = RoleEditorPageTests.this.rbac.resource(RoleEditorPageTests.this.team, RoleEditorPageTests.this.crm,
					"contact", "ACME");
			RoleEditorPageTests.this.rbac.grant(RoleEditorPageTests.this.team, mia.id(),
					RoleEditorPageTests.this.users.roleId(RoleEditorPageTests.this.team, "Sales rep"), acme);
			PortalHttp owner = RoleEditorPageTests.this.users.signedIn(RoleEditorPageTests.this.port, RoleEditorPageTests.this.owner);
			String read = RoleEditorPageTests.this.crm.read();

			String onAcme = owner.get(roles() + "/why?userId=" + mia.id() + "&privilege=" + read + "&resourceId=" + acme,
					"HX-Request", "true").body();
			String teamWide = owner.get(roles() + "/why?userId=" + mia.id() + "&privilege=" + read + "&resourceId=",
					"HX-Request", "true").body();

			assertThat(HtmlUtils.htmlUnescape(onAcme)).startsWith("<div id=\"why-answer\"")
				.contains("Role Sales rep (on contact 'ACME') grants " + read);
			assertThat(HtmlUtils.htmlUnescape(teamWide)).contains("No role of Mia Member grants " + read + " team-wide");
		}

	}

	@Nested
	class LinksAndAccess {

		@Test
		void theTeamsPagesLinkToTheEditorOnlyForHoldersOfRolesManage() {
			User member = RoleEditorPageTests.this.users.create("Moe Member");
			RoleEditorPageTests.this.jdbc.update("insert into aventian.tbl_memberships (team_id, user_id) values (?, ?)",
					RoleEditorPageTests.this.team, member.id());
			RoleEditorPageTests.this.rbac.grant(RoleEditorPageTests.this.team, member.id(),
					RoleEditorPageTests.this.users.roleId(RoleEditorPageTests.this.team, "Member"), null);
			String link = "href=\"" + roles() + "\"";

			String asAdmin = RoleEditorPageTests.this.users.signedIn(RoleEditorPageTests.this.port, RoleEditorPageTests.this.admin)
				.get("/teams/" + RoleEditorPageTests.this.team).body();
			PortalHttp asMember = RoleEditorPageTests.this.users.signedIn(RoleEditorPageTests.this.port, member);

			assertThat(asAdmin).contains(link);
			assertThat(asMember.get("/teams/" + RoleEditorPageTests.this.team).body()).doesNotContain(link)
				.contains("href=\"/teams/" + RoleEditorPageTests.this.team + "/access\"");
			assertThat(asMember.get(roles()).statusCode()).isEqualTo(403);
		}

		@Test
		void yourAccessListsEachPrivilegeWithItsScopeAndNeverNamesAnInvisibleRole() {
			User mia = RoleEditorPageTests.this.users.create("Mia Member");
			UUID team = RoleEditorPageTests.this.team;
			RoleEditorPageTests.this.jdbc.update("insert into aventian.tbl_memberships (team_id, user_id) values (?, ?)", team,
					mia.id());
			UUID acme = RoleEditorPageTests.this.rbac.resource(team, RoleEditorPageTests.this.crm, "contact", "ACME");
			RoleEditorPageTests.this.rbac.grant(team, mia.id(), RoleEditorPageTests.this.users.roleId(team, "Sales rep"), acme);
			RoleEditorPageTests.this.rbac.grant(team, mia.id(),
					RoleEditorPageTests.this.rbac.systemRole(team, "Hidden support", false, "audit.read"), null);

			String page = HtmlUtils.htmlUnescape(RoleEditorPageTests.this.users.signedIn(RoleEditorPageTests.this.port, mia)
				.get("/teams/" + team + "/access").body());

			assertThat(page).contains("data-privilege=\"" + RoleEditorPageTests.this.crm.read() + "\" data-where=\"on contact 'ACME'\"")
				.contains("data-privilege=\"audit.read\" data-where=\"team-wide\"")
				.doesNotContain("Hidden support");
		}

	}

	@Nested
	class AssigningFromTheEditor {

		/** Every grant of the team, as one comparable text. */
		String grants() {
			return RoleEditorPageTests.this.jdbc.queryForObject("""
					select coalesce(string_agg(user_id || ':' || role_id || ':' || coalesce(resource_id::text, ''), '|'
					                           order by user_id, role_id), '')
					from aventian.tbl_user_roles where team_id = ?""", String.class, RoleEditorPageTests.this.team);
		}

		HttpResponse<String> assign(PortalHttp http, UUID memberId, UUID roleId, UUID resourceId) {
			return http.submitWithHeaders(roles(), roles() + "/assign", Map.of("memberId", memberId.toString(), "roleId",
					roleId.toString(), "resourceId", (resourceId == null) ? "" : resourceId.toString()), "HX-Request", "true");
		}

		@Test
		void aRoleNarrowedToOneResourceIsGivenAndNamedWithIt() {
			User mia = RoleEditorPageTests.this.users.create("Mia Member");
			RoleEditorPageTests.this.jdbc.update("insert into aventian.tbl_memberships (team_id, user_id) values (?, ?)",
					RoleEditorPageTests.this.team, mia.id());
			UUID acme = RoleEditorPageTests.this.rbac.resource(RoleEditorPageTests.this.team, RoleEditorPageTests.this.crm,
					"contact", "ACME");
			PortalHttp owner = RoleEditorPageTests.this.users.signedIn(RoleEditorPageTests.this.port, RoleEditorPageTests.this.owner);

			HttpResponse<String> response = assign(owner, mia.id(), RoleEditorPageTests.this.custom, acme);

			assertThat(HtmlUtils.htmlUnescape(response.body())).contains("Mia Member now has Helpers on contact 'ACME'.");
			assertThat(grants()).contains(mia.id() + ":" + RoleEditorPageTests.this.custom + ":" + acme);
		}

		@Test
		void anInvisibleRoleOrOnesOwnRolesAreRefusedAndNothingIsStored() {
			UUID invisible = RoleEditorPageTests.this.rbac.systemRole(RoleEditorPageTests.this.team, "Service account",
					false, "team.read");
			PortalHttp owner = RoleEditorPageTests.this.users.signedIn(RoleEditorPageTests.this.port, RoleEditorPageTests.this.owner);
			String before = grants();

			HttpResponse<String> invisibleRole = assign(owner, RoleEditorPageTests.this.admin.id(), invisible, null);
			HttpResponse<String> ownRoles = assign(owner, RoleEditorPageTests.this.owner.id(), RoleEditorPageTests.this.custom, null);

			assertThat(invisibleRole.body()).contains("flash-error").doesNotContain("Service account");
			assertThat(HtmlUtils.htmlUnescape(ownRoles.body())).contains("You cannot change your own roles");
			assertThat(grants()).isEqualTo(before);
		}

	}

}
