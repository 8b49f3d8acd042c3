package com.aventian.portal.product;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.AccountService;
import com.aventian.portal.account.User;
import com.aventian.portal.audit.AuditEvent;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.rbac.Authorization;
import com.aventian.portal.team.MembershipService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Templates reach teams as copies (platform ones at team creation, a product's when the team gets it) and can be re-applied. */
@PortalTest
class RoleTemplatesTests {

	@LocalServerPort
	int port;

	@Autowired
	RoleTemplates templates;

	@Autowired
	ProductRegistry registry;

	@Autowired
	TestUsers users;

	@Autowired
	AccountService accounts;

	@Autowired
	MembershipService memberships;

	@Autowired
	AuditLog audit;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Authorization authorization;

	User adminUser;

	PlatformAdmin admin;

	Product product;

	ProductPrivilege read;

	ProductPrivilege write;

	ProductPrivilege export;

	@BeforeEach
	void aProductWithThreePrivileges() {
		this.adminUser = this.users.create("Tom Templates");
		this.accounts.grantPlatformAdmin(this.adminUser.id());
		this.admin = new PlatformAdmin(this.adminUser.id(), this.adminUser.email());
		String code = "t" + UUID.randomUUID().toString().substring(0, 8);
		Product created = this.registry.create(this.admin, new ProductForm(code, "Tickets " + code, "", "", ""));
		this.product = this.registry.addResourceType(this.admin, created.id(), "ticket", created.version());
		this.read = this.registry.addPrivilege(this.admin, this.product.id(), code + ".ticket.read", "Read tickets");
		this.write = this.registry.addPrivilege(this.admin, this.product.id(), code + ".ticket.write", "Write tickets");
		this.export = this.registry.addPrivilege(this.admin, this.product.id(), code + ".export", "Export");
	}

	TemplateForm template(String name, boolean system, boolean visible, ProductPrivilege... privileges) {
		return new TemplateForm(name, "", 100, system, visible, false, false,
				java.util.Arrays.stream(privileges).map(ProductPrivilege::id).toList());
	}

	List<Map<String, Object>> rolesOf(UUID teamId) {
		return this.jdbc.queryForList("""
				select r.name, r.system, r.visible, r.version,
				       coalesce((select string_agg(p.code, ',' order by p.code) from aventian.tbl_role_privileges rp
				                 join aventian.tbl_privileges p on p.id = rp.privilege_id where rp.role_id = r.id), '') as privileges
				from aventian.tbl_roles r where r.team_id = ? and r.product_id = ? order by r.name""", teamId, this.product.id());
	}

	@Test
	void theOwnersOfATeamThatGetsTheProductHoldEveryPrivilegeOfItAndSoCanGiveItsRoles() {
		User owner = this.users.create("Olga Owner");
		User member = this.users.create("Mel Member");
		UUID team = this.users.team("Owners " + UUID.randomUUID(), owner, member, "Member");
		this.authorization.of(owner.id(), team);

		this.registry.associateTeam(this.admin, team, this.product.id());

		// the cached answer of before is gone: the very next check sees the product's privileges
		assertThat(this.authorization.of(owner.id(), team).teamWide()).contains(this.read.code(), this.write.code(),
				this.export.code());
		assertThat(this.authorization.of(member.id(), team).teamWide()).doesNotContain(this.read.code());
		assertThat(this.jdbc.queryForObject("""
				select count(*) from aventian_audit.tbl_audit_events where team_id = ? and action = 'ROLE_PRIVILEGES_CHANGED'""",
				Long.class, team)).isEqualTo(1);
	}

	@Test
	void aPrivilegeAddedToAProductGoesToTheOwnersOfTeamsHavingItAndOwnersAloneDoNotKeepItFromBeingRemoved() {
		User owner = this.users.create("Olga Owner");
		UUID team = this.users.team("Later " + UUID.randomUUID(), owner);
		this.registry.associateTeam(this.admin, team, this.product.id());
		this.authorization.of(owner.id(), team);

		ProductPrivilege close = this.registry.addPrivilege(this.admin, this.product.id(), this.product.code() + ".ticket.close",
				"Close tickets");

		assertThat(this.authorization.of(owner.id(), team).teamWide()).contains(close.code());
		this.registry.removePrivilege(this.admin, this.product.id(), close.id());
		assertThat(this.authorization.of(owner.id(), team).teamWide()).doesNotContain(close.code());
	}

	@Test
	void aTeamThatGetsTheProductGetsACopyOfEachOfItsTemplatesInvisibleSystemRolesIncludedOnce() {
		this.templates.create(this.admin, this.product.id(), template("Agent", false, true, this.read, this.write));
		this.templates.create(this.admin, this.product.id(), template("Sync service", true, false, this.read));
		User owner = this.users.create("Cora Copy");
		UUID team = this.users.team("Copies " + UUID.randomUUID(), owner);

		this.registry.associateTeam(this.admin, team, this.product.id());
		this.registry.associateTeam(this.admin, team, this.product.id());

		assertThat(rolesOf(team)).extracting((row) -> row.get("name") + ":" + row.get("system") + ":" + row.get("visible") + ":"
				+ row.get("privileges"))
			.containsExactly("Agent:false:true:" + this.read.code() + "," + this.write.code(),
					"Sync service:true:false:" + this.read.code());
		assertThat(this.jdbc.queryForObject("""
				select count(*) from aventian_audit.tbl_audit_events where team_id = ? and action = 'ROLE_COPIED_FROM_TEMPLATE'""",
				Long.class, team)).isEqualTo(2);
	}

	@Test
	void aCopyWhoseNameATeamRoleAlreadyHasCarriesTheProductCode() {
		this.templates.create(this.admin, this.product.id(), template("Admin", false, true, this.read));
		User owner = this.users.create("Nina Names");
		UUID team = this.users.team("Names " + UUID.randomUUID(), owner);

		this.registry.associateTeam(this.admin, team, this.product.id());

		assertThat(rolesOf(team)).extracting((row) -> row.get("name")).containsExactly("Admin (" + this.product.code() + ")");
	}

	@Test
	void aNewPlatformTemplateIsCopiedIntoTeamsMadeAfterIt() {
		UUID teamBefore = this.users.team("Before " + UUID.randomUUID(), this.users.create("Bea Before"));
		UUID teamRead = this.jdbc.queryForObject("select id from aventian.tbl_privileges where code = 'team.read'", UUID.class);
		RoleTemplate support = this.templates.create(this.admin, null,
				new TemplateForm("Platform support " + UUID.randomUUID(), "Aventian staff", 200, true, false, false, false,
						List.of(teamRead)));
		try {
			UUID teamAfter = this.users.team("After " + UUID.randomUUID(), this.users.create("Abe After"));

			assertThat(this.jdbc.queryForList("select team_id from aventian.tbl_roles where template_id = ?", UUID.class, support.id()))
				.containsExactly(teamAfter)
				.doesNotContain(teamBefore);
			assertThat(this.jdbc.queryForMap("select system, visible from aventian.tbl_roles where template_id = ?", support.id()))
				.containsEntry("system", true)
				.containsEntry("visible", false);
		}
		finally {
			// other tests' new teams must not get it: the platform's templates are shared by the whole test run
			this.jdbc.update("delete from aventian.tbl_role_templates where id = ?", support.id());
		}
	}

	@Test
	void aTemplateHoldsOnlyPrivilegesOfItsOwnProductAndAnInvisibleRoleIsASystemRole() {
		UUID teamRead = this.jdbc.queryForObject("select id from aventian.tbl_privileges where code = 'team.read'", UUID.class);
		long before = this.jdbc.queryForObject("select count(*) from aventian.tbl_role_templates", Long.class);

		assertThatThrownBy(() -> this.templates.create(this.admin, this.product.id(),
				new TemplateForm("Sneaky", "", 100, false, true, false, false, List.of(this.read.id(), teamRead))))
			.isInstanceOfSatisfying(InvalidInput.class, (ex) -> assertThat(ex.fields()).containsKey("privilegeIds"));
		assertThatThrownBy(() -> this.templates.create(this.admin, this.product.id(), template("Ghost", false, false)))
			.isInstanceOfSatisfying(InvalidInput.class, (ex) -> assertThat(ex.fields()).containsKey("visible"));
		assertThatThrownBy(() -> this.templates.create(this.admin, this.product.id(),
				new TemplateForm("Creator", "", 100, false, true, true, false, List.of())))
			.isInstanceOfSatisfying(InvalidInput.class, (ex) -> assertThat(ex.fields()).containsKey("creatorDefault"));
		assertThat(this.jdbc.queryForObject("select count(*) from aventian.tbl_role_templates", Long.class)).isEqualTo(before);
	}

	@Test
	void reApplyingShowsEachTeamsGainsLossesAndMembersFirstThenChangesEachTeamInItsOwnAuditedTransaction() {
		RoleTemplate agent = this.templates.create(this.admin, this.product.id(), template("Agent", false, true, this.read));
		User ownerA = this.users.create("Olive Alpha");
		User holder = this.users.create("Hal Holder");
		UUID teamA = this.users.team("Alpha " + UUID.randomUUID(), ownerA, holder, "Member");
		UUID teamB = this.users.team("Beta " + UUID.randomUUID(), this.users.create("Otto Beta"));
		this.registry.associateTeam(this.admin, teamA, this.product.id());
		this.registry.associateTeam(this.admin, teamB, this.product.id());
		UUID agentOfA = this.jdbc.queryForObject("select id from aventian.tbl_roles where team_id = ? and template_id = ?", UUID.class,
				teamA, agent.id());
		this.jdbc.update("insert into aventian.tbl_user_roles (team_id, user_id, role_id, granted_by) values (?, ?, ?, ?)", teamA,
				holder.id(), agentOfA, ownerA.id());
		RoleTemplate changed = this.templates.update(this.admin, agent.id(), template("Agent", false, true, this.write, this.export),
				agent.version());

		ReapplyPreview preview = this.templates.previewReapply(agent.id());

		assertThat(preview.changing()).hasSize(2);
		ReapplyPreview.TeamChange ofA = preview.changing().stream().filter((change) -> change.teamId().equals(teamA)).findFirst().orElseThrow();
		assertThat(ofA.added()).containsExactly(this.export.code(), this.write.code());
		assertThat(ofA.removed()).containsExactly(this.read.code());
		assertThat(ofA.members()).containsExactly("Hal Holder");
		assertThat(rolesOf(teamA)).extracting((row) -> row.get("privileges")).containsExactly(this.read.code());
		HttpResponse<String> page = this.users.signedIn(this.port, this.adminUser).get("/admin/templates/" + agent.id() + "/reapply");
		assertThat(page.body()).contains("Hal Holder", this.write.code(), "Re-apply to these teams");

		assertThatThrownBy(() -> this.templates.reapply(this.admin, agent.id(), agent.version()))
			.isInstanceOf(ProductRuleException.class)
			.hasMessageContaining("changed by someone else meanwhile");
		int teams = this.templates.reapply(this.admin, agent.id(), changed.version());

		assertThat(teams).isEqualTo(2);
		assertThat(rolesOf(teamA)).singleElement().satisfies((row) -> {
			assertThat(row.get("privileges")).isEqualTo(this.export.code() + "," + this.write.code());
			assertThat(row.get("version")).isEqualTo(1);
		});
		List<AuditEvent> events = this.audit.eventsAbout("role", agentOfA.toString());
		assertThat(events).extracting(AuditEvent::action).contains("ROLE_TEMPLATE_REAPPLIED");
		assertThat(events.stream().filter((event) -> event.action().equals("ROLE_TEMPLATE_REAPPLIED")).findFirst().orElseThrow()
			.details().json()).contains("\"before\"", this.read.code(), "\"after\"", this.write.code());
		assertThat(this.templates.previewReapply(agent.id()).changing()).isEmpty();
	}

	@Test
	void aTemplateTeamsHoldCopiesOfStaysAndTwoAdminsEditingOneVersionCannotBothWin() {
		RoleTemplate agent = this.templates.create(this.admin, this.product.id(), template("Agent", false, true, this.read));
		this.registry.associateTeam(this.admin, this.users.team("Holds " + UUID.randomUUID(), this.users.create("Hank Holds")),
				this.product.id());
		this.templates.update(this.admin, agent.id(), template("Agent one", false, true, this.read), agent.version());

		assertThatThrownBy(() -> this.templates.update(this.admin, agent.id(), template("Agent two", false, true), agent.version()))
			.isInstanceOf(ProductRuleException.class)
			.hasMessageContaining("changed by someone else meanwhile");
		RoleTemplate now = this.templates.template(agent.id());
		assertThatThrownBy(() -> this.templates.delete(this.admin, agent.id(), now.version()))
			.isInstanceOf(ProductRuleException.class)
			.hasMessageContaining("1 team role(s) were copied");
		assertThat(now.name()).isEqualTo("Agent one");
	}

	@Test
	void reApplyingATemplateThatOnlyAddsAPrivilegeGivesItToTheHoldersOnTheVeryNextCallNotAfterTheCachesTimeToLive() {
		// given a holder of a team's copy of "Agent" whose privileges are cached (user:roles:<id>)
		RoleTemplate agent = this.templates.create(this.admin, this.product.id(), template("Agent", false, true, this.read));
		User owner = this.users.create("Olive Adds");
		User holder = this.users.create("Hal Adds");
		UUID team = this.users.team("Adds " + UUID.randomUUID(), owner, holder, "Member");
		this.registry.associateTeam(this.admin, team, this.product.id());
		UUID agentOfTeam = this.jdbc.queryForObject("select id from aventian.tbl_roles where team_id = ? and template_id = ?",
				UUID.class, team, agent.id());
		this.jdbc.update("insert into aventian.tbl_user_roles (team_id, user_id, role_id, granted_by) values (?, ?, ?, ?)", team,
				holder.id(), agentOfTeam, owner.id());
		assertThat(this.authorization.can(holder.id(), team, this.read.code(), null)).isTrue();
		assertThat(this.authorization.can(holder.id(), team, this.write.code(), null)).isFalse();

		// when the template gains a privilege and is re-applied (nothing taken away)
		RoleTemplate changed = this.templates.update(this.admin, agent.id(), template("Agent", false, true, this.read, this.write),
				agent.version());
		assertThat(this.templates.reapply(this.admin, agent.id(), changed.version())).isEqualTo(1);

		// then the holder's next check (portal page or product API) has it, the cached answer was evicted
		assertThat(this.authorization.can(holder.id(), team, this.write.code(), null)).isTrue();
	}

}
