package com.aventian.portal.rbac;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.AccountService;
import com.aventian.portal.account.User;
import com.aventian.portal.audit.AuditEvent;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.product.PlatformAdmin;
import com.aventian.portal.product.Product;
import com.aventian.portal.product.ProductForm;
import com.aventian.portal.product.ProductRegistry;
import com.aventian.portal.team.MembershipService.Actor;
import com.aventian.portal.team.TeamRuleException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A team's resources: only of the allowed types of products it has, always within the team, audited. */
@PortalTest
class ResourcesTests {

	@LocalServerPort
	int port;

	@Autowired
	Resources resources;

	@Autowired
	ProductRegistry registry;

	@Autowired
	TestUsers users;

	@Autowired
	AccountService accounts;

	@Autowired
	AuditLog audit;

	@Autowired
	JdbcTemplate jdbc;

	PlatformAdmin admin;

	Product crm;

	Product other;

	User owner;

	Actor ownerActor;

	UUID team;

	@BeforeEach
	void aTeamWithAProduct() {
		User adminUser = this.users.create("Rhea Registry");
		this.accounts.grantPlatformAdmin(adminUser.id());
		this.admin = new PlatformAdmin(adminUser.id(), adminUser.email());
		this.crm = product("contact", "pipeline");
		this.other = product("dashboard");
		this.owner = this.users.create("Owen Owner");
		this.ownerActor = new Actor(this.owner.id(), this.owner.email());
		this.team = this.users.team("Resources " + UUID.randomUUID(), this.owner);
		this.registry.associateTeam(this.admin, this.team, this.crm.id());
	}

	Product product(String... types) {
		String code = "r" + UUID.randomUUID().toString().substring(0, 8);
		Product product = this.registry.create(this.admin, new ProductForm(code, "Product " + code, "", "", ""));
		for (String type : types) {
			product = this.registry.addResourceType(this.admin, product.id(), type, product.version());
		}
		return product;
	}

	long resourcesOf(UUID teamId) {
		return this.jdbc.queryForObject("select count(*) from aventian.tbl_resources where team_id = ?", Long.class, teamId);
	}

	@Test
	void aResourceIsRegisteredRenamedAndDeletedEachAuditedWithBeforeAndAfter() {
		TeamResource acme = this.resources.register(this.ownerActor, this.team, this.crm.id(), "contact", " C-1 ", " ACME ");
		TeamResource renamed = this.resources.rename(this.ownerActor, this.team, acme.id(), "ACME Corp");
		this.resources.delete(this.ownerActor, this.team, acme.id());

		assertThat(acme.externalId()).isEqualTo("C-1");
		assertThat(renamed.displayName()).isEqualTo("ACME Corp");
		assertThat(resourcesOf(this.team)).isZero();
		assertThat(this.audit.eventsAbout("resource", acme.id().toString())).extracting(AuditEvent::action)
			.containsExactlyInAnyOrder("RESOURCE_REGISTERED", "RESOURCE_RENAMED", "RESOURCE_DELETED");
		assertThat(this.audit.eventsAbout("resource", acme.id().toString()))
			.filteredOn((event) -> event.action().equals("RESOURCE_RENAMED"))
			.singleElement()
			.satisfies((event) -> {
				assertThat(event.details().json()).contains("\"before\"", "ACME", "\"after\"", "ACME Corp");
				assertThat(event.teamId()).isEqualTo(this.team);
				assertThat(event.productId()).isEqualTo(this.crm.id());
			});
	}

	@Test
	void theServiceItselfRefusesAMemberWithoutRolesManage() {
		User viewer = this.users.create("Vera Viewer");
		UUID team = this.users.team("Viewed " + UUID.randomUUID(), this.owner, viewer, "Viewer");
		this.registry.associateTeam(this.admin, team, this.crm.id());
		TeamResource acme = this.resources.register(this.ownerActor, team, this.crm.id(), "contact", "C-1", "ACME");
		Actor actor = new Actor(viewer.id(), viewer.email());

		assertThatThrownBy(() -> this.resources.register(actor, team, this.crm.id(), "contact", "C-2", "Mine"))
			.isInstanceOf(TeamRuleException.class).hasMessageContaining("roles.manage");
		assertThatThrownBy(() -> this.resources.rename(actor, team, acme.id(), "Renamed"))
			.isInstanceOf(TeamRuleException.class).hasMessageContaining("roles.manage");
		assertThatThrownBy(() -> this.resources.delete(actor, team, acme.id()))
			.isInstanceOf(TeamRuleException.class).hasMessageContaining("roles.manage");
		assertThat(resourcesOf(team)).isOne();
		assertThat(this.resources.resource(team, acme.id()).displayName()).isEqualTo("ACME");
	}

	@Test
	void onlyTheAllowedTypesOfProductsTheTeamHasCanBeRegistered() {
		assertThat(this.resources.registrableKinds(this.team)).extracting(ResourceKind::resourceType)
			.containsExactly("contact", "pipeline");

		assertThatThrownBy(() -> this.resources.register(this.ownerActor, this.team, this.crm.id(), "invoice", "I-1", "Invoice"))
			.isInstanceOfSatisfying(ResourceInputException.class, (ex) -> assertThat(ex.fields()).containsKey("kind"));
		assertThatThrownBy(() -> this.resources.register(this.ownerActor, this.team, this.other.id(), "dashboard", "D-1", "Sales"))
			.isInstanceOfSatisfying(ResourceInputException.class, (ex) -> assertThat(ex.fields()).containsKey("kind"));
		Product current = this.registry.product(this.crm.id());
		this.registry.retire(this.admin, current.id(), current.version());
		assertThatThrownBy(() -> this.resources.register(this.ownerActor, this.team, this.crm.id(), "contact", "C-9", "Retired"))
			.isInstanceOfSatisfying(ResourceInputException.class, (ex) -> assertThat(ex.fields()).containsKey("kind"));
		assertThat(resourcesOf(this.team)).isZero();
	}

	@Test
	void aDuplicateIdOfTheSameTypeOrAnEmptyNameIsRefusedWithItsMessage() {
		this.resources.register(this.ownerActor, this.team, this.crm.id(), "contact", "C-1", "ACME");

		assertThatThrownBy(() -> this.resources.register(this.ownerActor, this.team, this.crm.id(), "contact", "C-1", "Again"))
			.isInstanceOfSatisfying(ResourceInputException.class,
					(ex) -> assertThat(ex.fields().get("externalId")).contains("already registered"));
		assertThatThrownBy(() -> this.resources.register(this.ownerActor, this.team, this.crm.id(), "pipeline", "P-1", "  "))
			.isInstanceOfSatisfying(ResourceInputException.class, (ex) -> assertThat(ex.fields()).containsOnlyKeys("displayName"));
		this.resources.register(this.ownerActor, this.team, this.crm.id(), "pipeline", "C-1", "Same id, other type");
		assertThat(resourcesOf(this.team)).isEqualTo(2);
	}

	@Test
	void anotherTeamsResourceIsNotFoundAndStaysAsItWas() {
		User stranger = this.users.create("Sid Stranger");
		UUID strangersTeam = this.users.team("Elsewhere " + UUID.randomUUID(), stranger);
		this.registry.associateTeam(this.admin, strangersTeam, this.crm.id());
		TeamResource theirs = this.resources.register(new Actor(stranger.id(), stranger.email()), strangersTeam, this.crm.id(),
				"contact", "S-1", "Their contact");

		assertThatThrownBy(() -> this.resources.rename(this.ownerActor, this.team, theirs.id(), "Mine now"))
			.isInstanceOf(ResourceNotFoundException.class);
		assertThatThrownBy(() -> this.resources.delete(this.ownerActor, this.team, theirs.id()))
			.isInstanceOf(ResourceNotFoundException.class);
		PortalHttp http = this.users.signedIn(this.port, this.owner);
		HttpResponse<String> crafted = http.submit("/teams/" + this.team + "/resources",
				"/teams/" + this.team + "/resources/" + theirs.id() + "/delete", Map.of());
		assertThat(crafted.statusCode()).isEqualTo(404);
		assertThat(this.resources.of(strangersTeam)).singleElement().extracting(TeamResource::displayName).isEqualTo("Their contact");
		assertThat(this.resources.of(this.team)).isEmpty();
	}

	@Test
	void deletingAResourceEndsTheGrantsNarrowedToIt() {
		User member = this.users.create("Gus Granted");
		UUID roleId = this.users.roleId(this.team, "Viewer");
		this.jdbc.update("insert into aventian.tbl_memberships (team_id, user_id) values (?, ?)", this.team, member.id());
		TeamResource acme = this.resources.register(this.ownerActor, this.team, this.crm.id(), "contact", "C-1", "ACME");
		this.jdbc.update("insert into aventian.tbl_user_roles (team_id, user_id, role_id, resource_id) values (?, ?, ?, ?)",
				this.team, member.id(), roleId, acme.id());

		assertThat(this.resources.resource(this.team, acme.id()).grants()).isEqualTo(1);
		this.resources.delete(this.ownerActor, this.team, acme.id());

		assertThat(this.jdbc.queryForObject("select count(*) from aventian.tbl_user_roles where user_id = ?", Long.class,
				member.id())).isZero();
		assertThat(this.audit.eventsAbout("resource", acme.id().toString()))
			.filteredOn((event) -> event.action().equals("RESOURCE_DELETED"))
			.singleElement()
			.satisfies((event) -> assertThat(event.details().json()).contains("\"grants\": 1"));
	}

	@Test
	void thePageKeepsWhatWasTypedWithTheMessageAndIsRefusedToAMemberWithoutRolesManage() {
		User viewer = this.users.create("Vera Viewer");
		UUID viewersTeam = this.users.team("Viewers " + UUID.randomUUID(), this.owner, viewer, "Viewer");
		PortalHttp http = this.users.signedIn(this.port, this.owner);

		HttpResponse<String> refused = http.submit("/teams/" + this.team + "/resources", "/teams/" + this.team + "/resources",
				Map.of("kind", this.crm.id() + "/contact", "externalId", "C-77", "displayName", ""));
		HttpResponse<String> registered = http.submit("/teams/" + this.team + "/resources", "/teams/" + this.team + "/resources",
				Map.of("kind", this.crm.id() + "/pipeline", "externalId", "P-1", "displayName", "Main pipeline"));

		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("value=\"C-77\"", "Enter a name people recognise");
		assertThat(registered.statusCode()).isEqualTo(302);
		assertThat(http.get("/teams/" + this.team + "/resources").body()).contains("Main pipeline", "P-1");
		assertThat(this.users.signedIn(this.port, viewer).get("/teams/" + viewersTeam + "/resources").statusCode()).isEqualTo(403);
	}

	@Test
	void anAdminLackingTheNarrowedRolesPrivilegesCannotStripThemByDeletingTheResource() {
		// given a member holding, on ACME only, a role with a product privilege
		String read = this.registry.addPrivilege(this.admin, this.crm.id(), this.crm.code() + ".contact.read", "Read contacts").code();
		UUID reader = UUID.randomUUID();
		this.jdbc.update("insert into aventian.tbl_roles (id, team_id, name, description, sort_order) values (?, ?, 'Reader', '', 50)",
				reader, this.team);
		this.jdbc.update("""
				insert into aventian.tbl_role_privileges (role_id, privilege_id)
				select ?, id from aventian.tbl_privileges where code = ?""", reader, read);
		User member = this.users.create("Rita Reader");
		this.jdbc.update("insert into aventian.tbl_memberships (team_id, user_id) values (?, ?)", this.team, member.id());
		TeamResource acme = this.resources.register(this.ownerActor, this.team, this.crm.id(), "contact", "C-1", "ACME");
		this.jdbc.update("insert into aventian.tbl_user_roles (team_id, user_id, role_id, resource_id) values (?, ?, ?, ?)",
				this.team, member.id(), reader, acme.id());

		// and an admin of the team (roles.manage), who unlike the owners holds nothing of the product
		User admin = this.users.create("Adam Admin");
		this.jdbc.update("insert into aventian.tbl_memberships (team_id, user_id) values (?, ?)", this.team, admin.id());
		this.jdbc.update("insert into aventian.tbl_user_roles (team_id, user_id, role_id) values (?, ?, ?)", this.team,
				admin.id(), this.users.roleId(this.team, "Admin"));

		// when the admin deletes the resource, by the service and by a crafted request
		assertThatThrownBy(() -> this.resources.delete(new Actor(admin.id(), admin.email()), this.team, acme.id()))
			.isInstanceOf(TeamRuleException.class)
			.hasMessageContaining(read);
		HttpResponse<String> crafted = this.users.signedIn(this.port, admin)
			.submit("/teams/" + this.team + "/resources", "/teams/" + this.team + "/resources/" + acme.id() + "/delete", Map.of());

		// then it is refused with the reason, as unassigning that grant would be, and nothing changed
		assertThat(crafted.statusCode()).isLessThan(500);
		assertThat(this.resources.of(this.team)).extracting(TeamResource::displayName).containsExactly("ACME");
		assertThat(this.jdbc.queryForObject("select count(*) from aventian.tbl_user_roles where user_id = ? and resource_id = ?",
				Long.class, member.id(), acme.id())).isEqualTo(1);
		assertThat(this.audit.eventsAbout("resource", acme.id().toString())).extracting(AuditEvent::action)
			.doesNotContain("RESOURCE_DELETED");
		// while an owner, who holds everything of the team's products, may delete it
		this.resources.delete(this.ownerActor, this.team, acme.id());
		assertThat(this.resources.of(this.team)).isEmpty();
	}

}
