package com.aventian.portal.rbac;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.audit.AuditEvent;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.team.MembershipService.Actor;
import com.aventian.portal.team.TeamRuleException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@PortalTest
class RoleEditorTests {

	@Autowired
	TestUsers users;

	@Autowired
	EditorFixtures rbac;

	@Autowired
	RoleEditor editor;

	@Autowired
	ChangePreviews previews;

	@Autowired
	RoleMatrices matrices;

	@Autowired
	AuditLog audit;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Authorization authorization;

	@Autowired
	Resources resources;

	User owner;

	Actor actor;

	UUID team;

	EditorFixtures.Crm crm;

	@BeforeEach
	void aTeamUsingTheCrmWhoseOwnerIsAlsoItsCrmAdmin() {
		this.owner = this.users.create("Olga Owner");
		this.actor = new Actor(this.owner.id(), this.owner.email());
		this.team = this.users.team("Roles " + UUID.randomUUID(), this.owner);
		this.crm = this.rbac.crm();
		this.rbac.associate(this.team, this.crm);
		this.rbac.grant(this.team, this.owner.id(), this.users.roleId(this.team, "CRM admin"), null);
	}

	UUID templateNamed(String name) {
		return this.jdbc.queryForObject("select id from aventian.tbl_role_templates where product_id = ? and name = ?",
				UUID.class, this.crm.id(), name);
	}

	List<String> privilegesOf(UUID roleId) {
		return this.jdbc.queryForList("""
				select p.code from aventian.tbl_role_privileges rp join aventian.tbl_privileges p on p.id = rp.privilege_id
				where rp.role_id = ? order by p.code""", String.class, roleId);
	}

	int versionOf(UUID roleId) {
		return this.jdbc.queryForObject("select version from aventian.tbl_roles where id = ?", Integer.class, roleId);
	}

	AuditEvent lastAuditOf(UUID roleId) {
		List<AuditEvent> events = this.audit.eventsAbout("role", roleId.toString());
		return events.get(events.size() - 1);
	}

	@Test
	void renamingARoleOrAResourceAHolderHasCachedIsSeenOnTheVeryNextCallNotAfterTheCachesTimeToLive() {
		// given a member holding a role narrowed to a resource, their answer cached (user:roles:<id>)
		User mia = this.users.create("Mia Cached");
		this.jdbc.update("insert into aventian.tbl_memberships (team_id, user_id, joined_at) values (?, ?, now())", this.team,
				mia.id());
		CreatedRole role = this.editor.create(this.actor, this.team, "Account manager", "", templateNamed("Sales rep"));
		UUID acme = this.rbac.resource(this.team, this.crm, "contact", "ACME");
		this.rbac.grant(this.team, mia.id(), role.id(), acme);
		assertThat(this.authorization.explain(mia.id(), this.team, this.crm.read(), acme).reason())
			.isEqualTo("Role Account manager (on contact 'ACME') grants " + this.crm.read());

		// when an admin renames the role, then the resource
		this.editor.rename(this.actor, this.team, role.id(), "Key account manager", versionOf(role.id()));
		this.resources.rename(this.actor, this.team, acme, "ACME Corp");

		// then the next answer (the editor's "why?", the products' API and its ETag) names them as they are now
		assertThat(this.authorization.explain(mia.id(), this.team, this.crm.read(), acme).reason())
			.isEqualTo("Role Key account manager (on contact 'ACME Corp') grants " + this.crm.read());
	}

	@Test
	void theServiceItselfRefusesAMemberWithoutRolesManageThoughARoleWithoutPrivilegesAsksForNoneOfTheirs() {
		// given a viewer: the team gate would stop them at the page, this is the service called directly
		User vic = this.users.create("Vic Viewer");
		UUID team = this.users.team("Gate " + UUID.randomUUID(), this.owner, vic, "Viewer");
		Actor viewer = new Actor(vic.id(), vic.email());
		CreatedRole empty = this.editor.create(new Actor(this.owner.id(), this.owner.email()), team, "Empty", "", null);
		int roles = this.jdbc.queryForObject("select count(*) from aventian.tbl_roles where team_id = ?", Integer.class, team);

		assertThatThrownBy(() -> this.editor.create(viewer, team, "Mine", "", null)).isInstanceOf(TeamRuleException.class)
			.hasMessageContaining("roles.manage");
		assertThatThrownBy(() -> this.editor.rename(viewer, team, empty.id(), "Renamed", versionOf(empty.id())))
			.isInstanceOf(TeamRuleException.class).hasMessageContaining("roles.manage");
		assertThatThrownBy(() -> this.editor.delete(viewer, team, empty.id(), versionOf(empty.id())))
			.isInstanceOf(TeamRuleException.class).hasMessageContaining("roles.manage");
		assertThat(this.jdbc.queryForObject("select count(*) from aventian.tbl_roles where team_id = ?", Integer.class, team))
			.isEqualTo(roles);
		assertThat(this.jdbc.queryForObject("select name from aventian.tbl_roles where id = ?", String.class, empty.id()))
			.isEqualTo("Empty");
	}

	@Nested
	class Creating {

		@Test
		void aRoleFromAProductTemplateStartsWithTheTemplatesPrivilegesAndIsAudited() {
			CreatedRole role = RoleEditorTests.this.editor.create(RoleEditorTests.this.actor, RoleEditorTests.this.team,
					" Account manager ", "Looks after accounts", templateNamed("Sales rep"));

			assertThat(role.name()).isEqualTo("Account manager");
			assertThat(privilegesOf(role.id())).containsExactly(RoleEditorTests.this.crm.read());
			AuditEvent event = lastAuditOf(role.id());
			assertThat(event.action()).isEqualTo("ROLE_CREATED");
			assertThat(event.details().json()).contains("\"after\"").contains("Account manager")
				.contains(RoleEditorTests.this.crm.read()).contains("Sales rep");
		}

		@Test
		void theTeamIsOfferedThePlatformTemplatesAndThoseOfItsProductsOnly() {
			EditorFixtures.Crm other = RoleEditorTests.this.rbac.crm();

			List<String> offered = RoleEditorTests.this.matrices.templates(RoleEditorTests.this.team)
				.stream()
				.map(RoleMatrices.TemplateChoice::label)
				.toList();

			assertThat(offered).contains("Owner", "Viewer", "CRM " + RoleEditorTests.this.crm.code() + ": Sales rep")
				.noneMatch((label) -> label.contains(other.code()));
		}

		@Test
		void aTemplateOfAProductTheTeamDoesNotUseIsRefusedAndNothingIsStored() {
			EditorFixtures.Crm other = RoleEditorTests.this.rbac.crm();
			UUID foreign = RoleEditorTests.this.jdbc.queryForObject(
					"select id from aventian.tbl_role_templates where product_id = ? and name = 'Sales rep'", UUID.class,
					other.id());
			int before = roleCount();

			assertThatThrownBy(() -> RoleEditorTests.this.editor.create(RoleEditorTests.this.actor, RoleEditorTests.this.team,
					"Sneaky", "", foreign))
				.isInstanceOf(TeamRuleException.class)
				.hasMessage("That template is not available to this team.");
			assertThat(roleCount()).isEqualTo(before);
		}

		@Test
		void aDuplicateOrEmptyNameIsRefused() {
			assertThatThrownBy(() -> RoleEditorTests.this.editor.create(RoleEditorTests.this.actor, RoleEditorTests.this.team,
					"viewer", "", null))
				.hasMessage("This team already has a role named viewer.");
			assertThatThrownBy(() -> RoleEditorTests.this.editor.create(RoleEditorTests.this.actor, RoleEditorTests.this.team,
					"  ", "", null))
				.hasMessage("Enter a name for the role.");
		}

		@Test
		void aCloneHoldsTheSamePrivilegesAsItsSource() {
			UUID admin = RoleEditorTests.this.users.roleId(RoleEditorTests.this.team, "Admin");

			CreatedRole clone = RoleEditorTests.this.editor.cloneRole(RoleEditorTests.this.actor, RoleEditorTests.this.team,
					admin, "Admin too");

			assertThat(privilegesOf(clone.id())).isEqualTo(privilegesOf(admin)).isNotEmpty();
			assertThat(lastAuditOf(clone.id()).details().json()).contains("\"clonedFrom\": \"Admin\"");
		}

		int roleCount() {
			return RoleEditorTests.this.jdbc.queryForObject("select count(*) from aventian.tbl_roles where team_id = ?",
					Integer.class, RoleEditorTests.this.team);
		}

	}

	@Nested
	class Editing {

		@Test
		void renamingAndDescribingEachMoveTheVersionAndAreAuditedWithBeforeAndAfter() {
			UUID role = RoleEditorTests.this.editor.create(RoleEditorTests.this.actor, RoleEditorTests.this.team, "Helper",
					"", null).id();

			RoleEditorTests.this.editor.rename(RoleEditorTests.this.actor, RoleEditorTests.this.team, role, "Helpdesk", 0);
			RoleEditorTests.this.editor.describe(RoleEditorTests.this.actor, RoleEditorTests.this.team, role,
					"Answers questions", 1);

			assertThat(versionOf(role)).isEqualTo(2);
			List<AuditEvent> events = RoleEditorTests.this.audit.eventsAbout("role", role.toString());
			assertThat(events).extracting(AuditEvent::action).containsExactly("ROLE_CREATED", "ROLE_RENAMED", "ROLE_DESCRIBED");
			assertThat(events.get(1).details().json()).contains("\"before\": {\"name\": \"Helper\"}")
				.contains("\"after\": {\"name\": \"Helpdesk\"}");
			assertThat(events.get(2).details().json()).contains("\"after\": {\"description\": \"Answers questions\"}");
		}

		@Test
		void grantingAndRemovingAPrivilegeMovesTheVersionAndIsAuditedWithBeforeAndAfter() {
			UUID role = RoleEditorTests.this.editor.create(RoleEditorTests.this.actor, RoleEditorTests.this.team, "Editor",
					"", templateNamed("Sales rep")).id();

			RoleEditorTests.this.editor.setPrivilege(RoleEditorTests.this.actor, RoleEditorTests.this.team, role,
					RoleEditorTests.this.crm.update(), true, 0);
			RoleEditorTests.this.editor.setPrivilege(RoleEditorTests.this.actor, RoleEditorTests.this.team, role,
					RoleEditorTests.this.crm.read(), false, 1);

			assertThat(privilegesOf(role)).containsExactly(RoleEditorTests.this.crm.update());
			assertThat(versionOf(role)).isEqualTo(2);
			assertThat(lastAuditOf(role).details().json())
				.contains("\"before\": {\"privileges\": [\"" + RoleEditorTests.this.crm.read() + "\", \""
						+ RoleEditorTests.this.crm.update() + "\"]}")
				.contains("\"after\": {\"privileges\": [\"" + RoleEditorTests.this.crm.update() + "\"]}");
		}

		@Test
		void removingTeamDeleteFromTheRoleOfTheLastOwnerIsRefused() {
			UUID ownerRole = RoleEditorTests.this.users.roleId(RoleEditorTests.this.team, "Owner");

			assertThatThrownBy(() -> RoleEditorTests.this.editor.setPrivilege(RoleEditorTests.this.actor,
					RoleEditorTests.this.team, ownerRole, "team.delete", false, 0))
				.isInstanceOf(TeamRuleException.class)
				.hasMessageContaining("nobody could delete the team any more");
			assertThat(privilegesOf(ownerRole)).contains("team.delete");
			assertThat(versionOf(ownerRole)).isZero();
		}

		@Test
		void aRoleStillAssignedIsNotDeletedAndTheRefusalNamesWhoHoldsIt() {
			User mia = RoleEditorTests.this.users.create("Mia Member");
			UUID team = RoleEditorTests.this.team;
			RoleEditorTests.this.jdbc.update("insert into aventian.tbl_memberships (team_id, user_id) values (?, ?)", team, mia.id());
			UUID role = RoleEditorTests.this.editor.create(RoleEditorTests.this.actor, team, "Temp", "", null).id();
			UUID acme = RoleEditorTests.this.rbac.resource(team, RoleEditorTests.this.crm, "contact", "ACME");
			RoleEditorTests.this.rbac.grant(team, mia.id(), role, acme);

			assertThatThrownBy(() -> RoleEditorTests.this.editor.delete(RoleEditorTests.this.actor, team, role, 0))
				.hasMessage("Temp is still assigned, so it cannot be deleted. Held by: Mia Member (on contact 'ACME').");
			assertThat(RoleEditorTests.this.previews.deletion(team, role).named()).extracting(LossPreview.MemberLoss::name)
				.containsExactly("Mia Member");

			RoleEditorTests.this.jdbc.update("delete from aventian.tbl_user_roles where role_id = ?", role);
			RoleEditorTests.this.editor.delete(RoleEditorTests.this.actor, team, role, 0);
			assertThat(RoleEditorTests.this.jdbc.queryForObject("select count(*) from aventian.tbl_roles where id = ?",
					Integer.class, role)).isZero();
			assertThat(lastAuditOf(role).action()).isEqualTo("ROLE_DELETED");
		}

	}

	@Nested
	class Previewing {

		@Test
		void removingAPrivilegeNamesTheMembersWhoWouldLoseItAndNotThoseWhoKeepItOtherwise() {
			UUID team = RoleEditorTests.this.team;
			User mia = member("Mia Member");
			User kai = member("Kai Keeper");
			UUID acme = RoleEditorTests.this.rbac.resource(team, RoleEditorTests.this.crm, "contact", "ACME");
			UUID role = RoleEditorTests.this.editor.create(RoleEditorTests.this.actor, team, "Reps", "",
					templateNamed("Sales rep")).id();
			RoleEditorTests.this.rbac.grant(team, mia.id(), role, acme);
			RoleEditorTests.this.rbac.grant(team, kai.id(), role, acme);
			// Kai reads contacts anyway, through the product's own template copy, team-wide
			RoleEditorTests.this.rbac.grant(team, kai.id(), RoleEditorTests.this.users.roleId(team, "Sales rep"), null);

			LossPreview preview = RoleEditorTests.this.previews.removal(team, role, RoleEditorTests.this.crm.read());

			assertThat(preview.members()).isEqualTo(1);
			assertThat(preview.named()).containsExactly(new LossPreview.MemberLoss("Mia Member", List.of("on contact 'ACME'")));
			assertThat(RoleEditorTests.this.previews.removal(team, role, RoleEditorTests.this.crm.update()).nobody()).isTrue();
		}

		User member(String name) {
			User user = RoleEditorTests.this.users.create(name);
			RoleEditorTests.this.jdbc.update("insert into aventian.tbl_memberships (team_id, user_id) values (?, ?)",
					RoleEditorTests.this.team, user.id());
			return user;
		}

	}

	@Nested
	class AtTheSameTime {

		@Test
		void twoTogglesOfTheSameRoleNamingTheSameVersionOneWinsTheOtherIsToldItChangedMeanwhile() throws Exception {
			UUID role = RoleEditorTests.this.editor.create(RoleEditorTests.this.actor, RoleEditorTests.this.team, "Busy",
					"", null).id();
			CountDownLatch start = new CountDownLatch(1);
			ExecutorService pool = Executors.newFixedThreadPool(2);
			try {
				Future<String> first = pool.submit(toggle(start, role, RoleEditorTests.this.crm.read()));
				Future<String> second = pool.submit(toggle(start, role, RoleEditorTests.this.crm.update()));
				start.countDown();

				assertThat(List.of(first.get(), second.get())).containsExactlyInAnyOrder("saved",
						"Busy was changed by someone else meanwhile. The editor now shows its current state; make your "
								+ "change again if you still want it.");
			}
			finally {
				pool.shutdownNow();
			}
			assertThat(privilegesOf(role)).hasSize(1);
			assertThat(versionOf(role)).isEqualTo(1);
			assertThat(RoleEditorTests.this.audit.eventsAbout("role", role.toString()))
				.filteredOn((event) -> event.action().equals("ROLE_PRIVILEGES_CHANGED"))
				.hasSize(1);
		}

		Callable<String> toggle(CountDownLatch start, UUID role, String privilege) {
			return () -> {
				start.await();
				try {
					RoleEditorTests.this.editor.setPrivilege(RoleEditorTests.this.actor, RoleEditorTests.this.team, role,
							privilege, true, 0);
					return "saved";
				}
				catch (StaleRoleException ex) {
					return ex.getMessage();
				}
			};
		}

	}

}
