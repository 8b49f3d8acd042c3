package com.aventian.portal.rbac;

import java.util.List;
import java.util.UUID;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.rbac.RbacFixture.Product;
import com.aventian.portal.team.MembershipService;
import com.aventian.portal.team.MembershipService.Actor;
import com.aventian.portal.team.TeamService;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization service against a table of cases: team-wide and scoped grants, another resource,
 * another team, an invisible system role, a removed member, a non-member and a deleted team.
 */
@PortalTest
class AuthorizationTests {

	@Autowired
	Authorization authorization;

	@Autowired
	TestUsers users;

	@Autowired
	RbacFixture fixture;

	@Autowired
	MembershipService memberships;

	@Autowired
	TeamService teams;

	@Autowired
	JdbcTemplate jdbc;

	User owner;

	User ann;

	User bob;

	User sam;

	User stranger;

	String teamName;

	UUID team;

	UUID otherTeam;

	UUID acme;

	UUID globex;

	UUID otherTeamsContact;

	String read;

	String write;

	String support;

	Product crm;

	@BeforeEach
	void givenATeamWithTeamWideScopedAndInvisibleGrants() {
		Product crm = this.fixture.product();
		this.crm = crm;
		this.read = this.fixture.privilege(crm, "contact.read");
		this.write = this.fixture.privilege(crm, "contact.write");
		this.support = this.fixture.privilege(crm, "support");
		this.owner = this.users.create("Olga Owner");
		this.ann = this.users.create("Ann Teamwide");
		this.bob = this.users.create("Bob Scoped");
		this.sam = this.users.create("Sam Service");
		this.stranger = this.users.create("Stan Stranger");
		this.teamName = "Authz " + UUID.randomUUID();
		this.team = this.users.team(this.teamName, this.owner, this.ann, "Member", this.bob, "Viewer",
				this.sam, "Viewer");
		this.otherTeam = this.users.team("Other " + UUID.randomUUID(), this.owner, this.ann, "Viewer");
		this.acme = this.fixture.resource(this.team, crm, "contact", "ACME");
		this.globex = this.fixture.resource(this.team, crm, "contact", "Globex");
		this.otherTeamsContact = this.fixture.resource(this.otherTeam, crm, "contact", "ACME elsewhere");

		UUID editor = this.fixture.role(this.team, "Editor", false, true, this.read, this.write);
		UUID sales = this.fixture.role(this.team, "Sales", false, true, this.read);
		UUID serviceAccount = this.fixture.role(this.team, "Service account", true, false, this.support);
		UUID elsewhere = this.fixture.role(this.otherTeam, "Editor", false, true, this.read, this.write);
		this.fixture.grant(this.team, this.ann.id(), editor, null);
		this.fixture.grant(this.team, this.bob.id(), sales, this.acme);
		this.fixture.grant(this.team, this.sam.id(), serviceAccount, null);
		this.fixture.grant(this.otherTeam, this.owner.id(), elsewhere, this.otherTeamsContact);
	}

	record Case(String name, User user, UUID team, String privilege, UUID resource, boolean allowed, String reason) {
	}

	List<Case> cases() {
		return List.of(
				new Case("team-wide grant, team-wide check", this.ann, this.team, this.read, null, true,
						"Role Editor (team-wide) grants " + this.read),
				new Case("team-wide grant counts on any resource of the team", this.ann, this.team, this.write, this.globex,
						true, "Role Editor (team-wide) grants " + this.write),
				new Case("privilege no role carries", this.ann, this.team, this.support, null, false,
						"No role of Ann Teamwide grants " + this.support + " team-wide"),
				new Case("scoped grant on its resource", this.bob, this.team, this.read, this.acme, true,
						"Role Sales (on contact 'ACME') grants " + this.read),
				new Case("scoped grant does not count team-wide", this.bob, this.team, this.read, null, false,
						"No role of Bob Scoped grants " + this.read + " team-wide (only Role Sales (on contact 'ACME'))"),
				new Case("scoped grant does not count on another resource", this.bob, this.team, this.read, this.globex,
						false, "No role of Bob Scoped grants " + this.read + " on this resource"),
				new Case("scoped grant gives only the role's privileges", this.bob, this.team, this.write, this.acme, false,
						"No role of Bob Scoped grants " + this.write),
				new Case("grant of one team does not count in another", this.ann, this.otherTeam, this.read, null, false,
						"No role of Ann Teamwide grants " + this.read),
				new Case("scoped grant in another team does not count here", this.owner, this.team, this.read, this.acme,
						false, "No role of Olga Owner grants " + this.read),
				new Case("invisible system role counts, unnamed", this.sam, this.team, this.support, null, true,
						"A platform system role (team-wide) grants " + this.support),
				new Case("seeded platform privilege through the owner role", this.owner, this.team, "team.delete", null,
						true, "Role Owner (team-wide) grants team.delete"),
				new Case("non-member has nothing", this.stranger, this.team, "team.read", null, false,
						"Not a member of this team"));
	}

	@Test
	void everyCaseOfTheTableIsAnsweredAsExpectedWithItsReason() {
		SoftAssertions softly = new SoftAssertions();
		for (Case c : cases()) {
			Explanation explanation = this.authorization.explain(c.user().id(), c.team(), c.privilege(), c.resource());
			softly.assertThat(this.authorization.can(c.user().id(), c.team(), c.privilege(), c.resource()))
				.as(c.name())
				.isEqualTo(c.allowed());
			softly.assertThat(explanation.allowed()).as(c.name() + " (explain)").isEqualTo(c.allowed());
			softly.assertThat(explanation.reason()).as(c.name() + " (reason)").startsWith(c.reason());
			softly.assertThat(explanation.because()).as(c.name() + " (grants)").hasSize(c.allowed() ? 1 : 0);
		}
		softly.assertAll();
	}

	@Test
	void effectivePrivilegesKeepEachGrantsScopeAndTheRolesFlags() {
		EffectivePrivileges bobs = this.authorization.of(this.bob.id(), this.team);
		EffectivePrivileges sams = this.authorization.of(this.sam.id(), this.team);

		assertThat(bobs.member()).isTrue();
		assertThat(bobs.team().id()).isEqualTo(this.team);
		assertThat(bobs.teamWide()).containsExactly("team.read");
		assertThat(bobs.grants()).filteredOn((g) -> g.privilege().equals(this.read))
			.singleElement()
			.satisfies((g) -> {
				assertThat(g.roleName()).isEqualTo("Sales");
				assertThat(g.resourceId()).isEqualTo(this.acme);
				assertThat(g.resourceType()).isEqualTo("contact");
				assertThat(g.resourceName()).isEqualTo("ACME");
			});
		assertThat(sams.grants()).filteredOn((g) -> g.privilege().equals(this.support))
			.singleElement()
			.satisfies((g) -> assertThat(g.system() && !g.visible()).isTrue());
	}

	@Test
	void aMemberWhoLeftHasNothingFromTheMomentTheyLeave() {
		assertThat(this.authorization.can(this.ann.id(), this.team, this.read, null)).isTrue();

		// she holds privileges the owner lacks, so she leaves rather than being removed
		this.memberships.leave(new Actor(this.ann.id(), this.ann.email()), this.team);

		EffectivePrivileges after = this.authorization.of(this.ann.id(), this.team);
		assertThat(after.member()).isFalse();
		assertThat(after.grants()).isEmpty();
		assertThat(this.authorization.can(this.ann.id(), this.team, this.read, this.acme)).isFalse();
	}

	@Test
	void aDeletedTeamGrantsNothingEvenToItsOwner() {
		this.teams.delete(this.team, this.owner.id(), this.owner.email(), this.teamName);

		assertThat(this.authorization.of(this.owner.id(), this.team).member()).isFalse();
		assertThat(this.authorization.can(this.owner.id(), this.team, "team.delete", null)).isFalse();
	}

	@Test
	void aMemberWhoseOnlyRoleCarriesNoPrivilegeIsAMemberWithoutGrants() {
		// given Nora, whose only grant is of a role without privileges (her Member grant taken away in the table, before
		// anything read her privileges)
		User nora = this.users.create("Nora Nothing");
		UUID bareTeam = this.users.team("Bare " + UUID.randomUUID(), this.owner, nora, "Member");
		UUID placeholder = this.fixture.role(bareTeam, "Placeholder", false, true);
		this.fixture.grant(bareTeam, nora.id(), placeholder, null);
		this.jdbc.update("delete from aventian.tbl_user_roles where team_id = ? and user_id = ? and role_id <> ?", bareTeam,
				nora.id(), placeholder);

		// when her privileges are read
		EffectivePrivileges noras = this.authorization.of(nora.id(), bareTeam);

		// then she is a member, with her team and account, and holds nothing
		assertThat(noras.member()).isTrue();
		assertThat(noras.team().id()).isEqualTo(bareTeam);
		assertThat(noras.memberName()).isEqualTo("Nora Nothing");
		assertThat(noras.active()).isTrue();
		assertThat(noras.grants()).isEmpty();
		assertThat(this.authorization.can(nora.id(), bareTeam, "team.read", null)).isFalse();
	}

	@Test
	void namesWrittenToBreakTheGrantsJsonAreReadBackAsNamesAndGiveNothingMore() {
		// given Eve holds, on one resource only, a role and a resource each named to close the grant's JSON object
		// and open a team-wide team.delete grant (quotes, backslashes, a JSON escape written out, a line separator,
		// letters outside ASCII and outside the BMP); the grants are read into JSON by the database (one row per
		// member) and back by Jackson
		String roleName = "R\",\"privilege\":\"team.delete\",\"resourceId\":null}\\ \\u0022 \u00e9\uD83D\uDE80";
		String resourceName = "ACME\"}]},{\"privilege\":\"team.delete\",\"resourceId\":null,\"x\":\"\\\\ \u2028 \u00fc";
		assertThat(roleName.length()).isLessThanOrEqualTo(60);
		User eve = this.users.create("Eve Escaper");
		this.memberships.addMemberWithRole(this.team, eve.id(), this.users.roleId(this.team, "Viewer"), this.owner.id());
		UUID hostile = this.fixture.resource(this.team, this.crm, "contact", resourceName);
		UUID role = this.fixture.role(this.team, roleName, false, true, this.read);
		this.fixture.grant(this.team, eve.id(), role, hostile);

		// when her privileges are read, from PostgreSQL (nothing of hers is cached yet), then again (the cache may answer)
		for (int read = 1; read <= 2; read++) {
			EffectivePrivileges eves = this.authorization.of(eve.id(), this.team);

			// then the role's grant is one, scoped to that resource, with both names as written; nothing else is added
			assertThat(eves.grants()).as("read %d", read).filteredOn((g) -> role.equals(g.roleId()))
				.singleElement()
				.satisfies((g) -> {
					assertThat(g.roleName()).isEqualTo(roleName);
					assertThat(g.privilege()).isEqualTo(this.read);
					assertThat(g.resourceId()).isEqualTo(hostile);
					assertThat(g.resourceType()).isEqualTo("contact");
					assertThat(g.resourceName()).isEqualTo(resourceName);
				});
			assertThat(eves.grants()).as("read %d", read).extracting(Grant::privilege).doesNotContain("team.delete");
			assertThat(eves.teamWide()).as("read %d", read).containsExactly("team.read");
			assertThat(eves.can("team.delete", null)).as("read %d", read).isFalse();
			assertThat(eves.can(this.read, null)).as("read %d", read).isFalse();
			assertThat(eves.can(this.read, this.acme)).as("read %d", read).isFalse();
			assertThat(eves.can(this.read, hostile)).as("read %d", read).isTrue();
		}
	}

}
