package com.aventian.portal.rbac;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.rbac.RbacFixture.Product;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Escalation by crafted requests to the members page's grant endpoints (not only through its buttons):
 * each is refused with a clear message and nothing is stored (the team's grants counted before and after).
 */
@PortalTest
class MemberGrantsEscalationTests {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	RbacFixture fixture;

	@Autowired
	JdbcTemplate jdbc;

	User owner;

	User admin;

	User bob;

	User sam;

	UUID team;

	UUID otherTeam;

	UUID acme;

	UUID otherTeamsResource;

	UUID invisible;

	UUID visibleSystem;

	UUID sales;

	UUID samsGrant;

	PortalHttp adminHttp;

	@BeforeEach
	void givenAnAdminOfATeamWithSystemRolesAProductRoleAndAnotherTeam() {
		Product crm = this.fixture.product();
		String read = this.fixture.privilege(crm, "contact.read");
		this.owner = this.users.create("Olga Owner");
		this.admin = this.users.create("Ada Admin");
		this.bob = this.users.create("Bob Member");
		this.sam = this.users.create("Sam Service");
		this.team = this.users.team("Escalation " + UUID.randomUUID(), this.owner, this.admin, "Admin", this.bob, "Member",
				this.sam, "Viewer");
		this.otherTeam = this.users.team("Elsewhere " + UUID.randomUUID(), this.owner);
		this.acme = this.fixture.resource(this.team, crm, "contact", "ACME");
		this.otherTeamsResource = this.fixture.resource(this.otherTeam, crm, "contact", "Elsewhere");
		this.invisible = this.fixture.role(this.team, "Platform support", true, false, "team.read");
		this.visibleSystem = this.fixture.role(this.team, "Product service", true, true, "team.read");
		this.sales = this.fixture.role(this.team, "Sales", false, true, read);
		this.samsGrant = this.fixture.grant(this.team, this.sam.id(), this.invisible, null);
		this.adminHttp = this.users.signedIn(this.port, this.admin);
	}

	int grantsOfTeam() {
		return this.jdbc.queryForObject("select count(*) from aventian.tbl_user_roles where team_id = ?", Integer.class,
				this.team);
	}

	HttpResponse<String> assign(User member, UUID roleId, UUID resourceId) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("roleId", roleId.toString());
		if (resourceId != null) {
			form.put("resourceId", resourceId.toString());
		}
		return this.adminHttp.submitWithHeaders("/teams/" + this.team + "/members",
				"/teams/" + this.team + "/members/" + member.id() + "/grants", form, "HX-Request", "true");
	}

	void refused(HttpResponse<String> response, int before, String message) {
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains(message);
		assertThat(grantsOfTeam()).isEqualTo(before);
	}

	@Test
	void assigningAnInvisibleSystemRoleIsRefusedAsIfItDidNotExist() {
		int before = grantsOfTeam();

		refused(assign(this.bob, this.invisible, null), before, "That role does not exist in this team.");
	}

	@Test
	void assigningAVisibleSystemRoleIsRefused() {
		int before = grantsOfTeam();

		refused(assign(this.bob, this.visibleSystem, null), before, "Product service is a system role");
	}

	@Test
	void givingYourselfARoleIsRefused() {
		int before = grantsOfTeam();

		refused(assign(this.admin, this.users.roleId(this.team, "Viewer"), null), before, "You cannot change your own roles");
	}

	@Test
	void aRoleIdOfAnotherTeamIsRefused() {
		int before = grantsOfTeam();

		refused(assign(this.bob, this.users.roleId(this.otherTeam, "Viewer"), null), before,
				"That role does not exist in this team.");
	}

	@Test
	void aResourceOfAnotherTeamIsRefused() {
		int before = grantsOfTeam();

		refused(assign(this.bob, this.users.roleId(this.team, "Viewer"), this.otherTeamsResource), before,
				"That resource does not exist in this team.");
	}

	@Test
	void aRoleHoldingAPrivilegeTheAdminLacksIsRefusedTeamWideAndOnAResource() {
		int before = grantsOfTeam();

		refused(assign(this.bob, this.users.roleId(this.team, "Owner"), null), before, "privileges you do not have");
		refused(assign(this.bob, this.sales, this.acme), before, "privileges you do not have there");
	}

	@Test
	void removingAnInvisibleRolesGrantOrAnotherMembersGrantThroughAForgedPathIsRefused() {
		int before = grantsOfTeam();
		UUID bobsGrant = this.jdbc.queryForObject("select id from aventian.tbl_user_roles where team_id = ? and user_id = ?",
				UUID.class, this.team, this.bob.id());

		HttpResponse<String> invisibleGrant = this.adminHttp.submitWithHeaders("/teams/" + this.team + "/members",
				"/teams/" + this.team + "/members/" + this.sam.id() + "/grants/" + this.samsGrant + "/remove", Map.of(),
				"HX-Request", "true");
		HttpResponse<String> mismatched = this.adminHttp.submitWithHeaders("/teams/" + this.team + "/members",
				"/teams/" + this.team + "/members/" + this.sam.id() + "/grants/" + bobsGrant + "/remove", Map.of(),
				"HX-Request", "true");

		refused(invisibleGrant, before, "That grant no longer exists");
		refused(mismatched, before, "That grant no longer exists");
	}

	@Test
	void aMemberWithoutTheAssignPrivilegeIsStoppedAtTheGate() {
		int before = grantsOfTeam();
		PortalHttp bobHttp = this.users.signedIn(this.port, this.bob);

		HttpResponse<String> response = bobHttp.submitWithHeaders("/teams/" + this.team + "/members",
				"/teams/" + this.team + "/members/" + this.bob.id() + "/grants",
				Map.of("roleId", this.users.roleId(this.team, "Admin").toString()), "HX-Request", "true");

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(grantsOfTeam()).isEqualTo(before);
	}

}
