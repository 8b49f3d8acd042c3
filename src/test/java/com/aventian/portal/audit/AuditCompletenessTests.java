package com.aventian.portal.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.aventian.portal.MovableClock;
import com.aventian.portal.PortalHttp;
import com.aventian.portal.TestMailbox;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.AccountService;
import com.aventian.portal.account.ExternalSignIn;
import com.aventian.portal.account.PasswordResetService;
import com.aventian.portal.account.ProfileService;
import com.aventian.portal.account.SignUpForm;
import com.aventian.portal.account.SignUpService;
import com.aventian.portal.account.User;
import com.aventian.portal.apikey.ApiKeys;
import com.aventian.portal.apikey.NewApiKey;
import com.aventian.portal.billing.BillingFixtures;
import com.aventian.portal.billing.BillingInterval;
import com.aventian.portal.billing.BillingSubscriptions;
import com.aventian.portal.billing.BillingTest;
import com.aventian.portal.billing.Invoices;
import com.aventian.portal.billing.Payments;
import com.aventian.portal.billing.StripeEvents;
import com.aventian.portal.invitation.InvitationService;
import com.aventian.portal.product.PlatformAdmin;
import com.aventian.portal.product.ProductForm;
import com.aventian.portal.product.ProductPrivilege;
import com.aventian.portal.product.ProductRegistry;
import com.aventian.portal.product.RoleTemplate;
import com.aventian.portal.product.RoleTemplates;
import com.aventian.portal.product.TemplateForm;
import com.aventian.portal.provisioning.ConnectionRotation;
import com.aventian.portal.provisioning.DbConnections;
import com.aventian.portal.provisioning.ProvisioningFixture;
import com.aventian.portal.provisioning.Subscriptions;
import com.aventian.portal.rbac.Resources;
import com.aventian.portal.rbac.RoleAssignments;
import com.aventian.portal.rbac.RoleEditor;
import com.aventian.portal.team.MembershipService;
import com.aventian.portal.team.MembershipService.Actor;
import com.aventian.portal.team.TeamService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Every change the portal audits writes exactly one event, in the transaction of the change (the event's
 * {@code xmin}, the id of the transaction that wrote it, is that of the changed row), and a change that
 * fails or rolls back writes none. The walk covers {@link AuditActions#ALL}: an action added there without
 * a step here fails the test. A change of several rows (a team getting a product) writes one event per row
 * changed, all in its transaction; a product's own events (the API) carry the product's names, outside the list.
 * A change whose work goes on in background jobs (provisioning, a drop, renewals) is checked by the events of its
 * target once the job is done. It runs as a {@link BillingTest}: Stripe's webhook is on there, with its test secret.
 * Renewals and dunning run over the whole shared database from every test context's scheduler, so their events
 * ({@code system} as the actor) are left out of a step's events unless the step names its team.
 */
@BillingTest
class AuditCompletenessTests {

	private static final String NEW_PASSWORD = "another horse battery staple 77";

	private static final HttpClient API = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	AccountService accounts;

	@Autowired
	SignUpService signUps;

	@Autowired
	ProfileService profiles;

	@Autowired
	PasswordResetService resets;

	@Autowired
	TeamService teams;

	@Autowired
	MembershipService memberships;

	@Autowired
	InvitationService invitations;

	@Autowired
	RoleEditor roles;

	@Autowired
	RoleAssignments assignments;

	@Autowired
	Resources resources;

	@Autowired
	ProductRegistry registry;

	@Autowired
	RoleTemplates templates;

	@Autowired
	ApiKeys apiKeys;

	@Autowired
	Subscriptions subscriptions;

	@Autowired
	DbConnections connections;

	@Autowired
	ConnectionRotation rotation;

	@Autowired
	ProvisioningFixture provisioning;

	@Autowired
	BillingSubscriptions billing;

	@Autowired
	Invoices invoices;

	@Autowired
	Payments payments;

	@Autowired
	BillingFixtures billingFixtures;

	@Autowired
	MovableClock clock;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transaction;

	final Set<String> walked = new LinkedHashSet<>();

	/** Billing tests move the clock of this context; renewals must see today. */
	@BeforeEach
	void today() {
		this.clock.reset();
	}

	@Test
	void everyAuditedActionWritesExactlyOneEventInTheTransactionOfItsChange() throws Exception {
		InetAddress client = InetAddress.getLoopbackAddress();

		// accounts: sign-up, verification, profile, password, e-mail, identities, sessions, lockout, administration
		String email = unique("signup");
		UUID signedUp = once("USER_CREATED", () -> this.signUps
			.signUp(new SignUpForm("Sid Signup", email, TestUsers.PASSWORD, TestUsers.PASSWORD, true)).orElseThrow().userId(),
				"select xmin::text from aventian.tbl_users where email = ?", email);
		String verifyToken = tokenIn(email, "/verify-email/confirm");
		once("EMAIL_VERIFIED", () -> this.signUps.verify(verifyToken, Optional.empty()),
				"select xmin::text from aventian.tbl_users where id = ?", signedUp);
		User ann = this.users.create("Ann Account");
		once("PROFILE_UPDATED", () -> this.profiles.rename(ann.id(), "Ann Renamed"),
				"select xmin::text from aventian.tbl_users where id = ?", ann.id());
		once("PASSWORD_CHANGED", () -> this.profiles.changePassword(ann.id(), TestUsers.PASSWORD, NEW_PASSWORD, client),
				"select xmin::text from aventian.tbl_users where id = ?", ann.id());
		this.resets.requestReset(ann.email());
		String resetToken = tokenIn(ann.email(), "/password/reset");
		once("PASSWORD_RESET", () -> this.resets.reset(resetToken, TestUsers.PASSWORD),
				"select xmin::text from aventian.tbl_users where id = ?", ann.id());
		String newEmail = unique("changed");
		this.profiles.requestEmailChange(ann.id(), newEmail, TestUsers.PASSWORD, client);
		String changeToken = tokenIn(newEmail, "/account/email/confirm");
		once("EMAIL_CHANGED", () -> {
			this.profiles.confirmEmailChange(changeToken);
		},
				"select xmin::text from aventian.tbl_users where id = ?", ann.id());
		User linked = this.accounts.findUser(ann.id()).orElseThrow();
		String subject = UUID.randomUUID().toString();
		once("IDENTITY_LINKED", () -> this.profiles.link(linked,
				new ExternalSignIn("https://id.example.test", subject, linked.email(), true, "Ann")),
				"select xmin::text from aventian.tbl_user_identities where subject = ?", subject);
		UUID identity = this.jdbc.queryForObject("select id from aventian.tbl_user_identities where subject = ?", UUID.class,
				subject);
		once("IDENTITY_UNLINKED", () -> this.profiles.unlink(ann.id(), identity), null);
		User traveller = this.users.create("Tess Sessions");
		PortalHttp laptop = this.users.signedIn(this.port, traveller);
		PortalHttp phone = this.users.signedIn(this.port, traveller);
		once("SESSION_ENDED", () -> endOtherSession(phone), null);
		User target = this.users.create("Lou Locked");
		PortalHttp guesser = new PortalHttp(this.port);
		for (int i = 0; i < 4; i++) {
			guesser.signIn(target.email(), "wrong guess " + i);
		}
		once("SIGN_IN_LOCKED", () -> guesser.signIn(target.email(), "wrong guess 5"), null);
		User admin = this.users.create("Ada Admin");
		once("PLATFORM_ADMIN_GRANTED", () -> this.accounts.grantPlatformAdmin(admin.id()),
				"select xmin::text from aventian.tbl_users where id = ?", admin.id());
		once("USER_DISABLED", () -> this.accounts.disable(target.id(), admin.id()),
				"select xmin::text from aventian.tbl_users where id = ?", target.id());
		once("USER_ENABLED", () -> this.accounts.enable(target.id(), admin.id()),
				"select xmin::text from aventian.tbl_users where id = ?", target.id());

		// teams and memberships
		User owner = this.users.create("Olga Owner");
		Actor actor = new Actor(owner.id(), owner.email());
		UUID team = once("TEAM_CREATED", () -> this.teams.createTeam(owner.id(), owner.email(), "Complete " + UUID.randomUUID()).id(),
				"select xmin::text from aventian.tbl_teams where created_by = ? order by created_at desc limit 1", owner.id());
		once("TEAM_RENAMED", () -> this.teams.rename(team, owner.id(), owner.email(), "Renamed " + UUID.randomUUID(),
				this.teams.team(team).version()), "select xmin::text from aventian.tbl_teams where id = ?", team);
		User member = this.users.create("Milo Member");
		this.memberships.addMemberWithRole(team, member.id(), this.users.roleId(team, "Member"), owner.id());
		once("ROLE_CHANGED", () -> this.memberships.changeRole(actor, team, member.id(), this.users.roleId(team, "Viewer"),
				this.memberships.member(team, member.id()).version()),
				"select xmin::text from aventian.tbl_memberships where team_id = ? and user_id = ?", team, member.id());
		once("ROLE_CHANGED", () -> this.memberships.changeRole(actor, team, member.id(), this.users.roleId(team, "Owner"),
				this.memberships.member(team, member.id()).version()),
				"select xmin::text from aventian.tbl_memberships where team_id = ? and user_id = ?", team, member.id());
		assertThat(this.jdbc.queryForObject("select details ->> 'ownership' from aventian_audit.tbl_audit_events "
				+ "where team_id = ? and action = 'ROLE_CHANGED' order by id desc limit 1", String.class, team))
			.as("a role change that makes an owner is one event saying so").isEqualTo("gained");
		this.memberships.changeRole(actor, team, member.id(), this.users.roleId(team, "Member"),
				this.memberships.member(team, member.id()).version());
		once("OWNERSHIP_TRANSFERRED", () -> this.memberships.transferOwnership(actor, team, member.id()),
				"select xmin::text from aventian.tbl_memberships where team_id = ? and user_id = ?", team, member.id());
		Actor newOwner = new Actor(member.id(), member.email());
		User leaver = this.users.create("Lea Leaver");
		this.memberships.addMemberWithRole(team, leaver.id(), this.users.roleId(team, "Member"), owner.id());
		once("MEMBER_LEFT", () -> this.memberships.leave(new Actor(leaver.id(), leaver.email()), team), null);
		once("MEMBER_REMOVED", () -> this.memberships.remove(newOwner, team, owner.id()), null);

		// invitations
		InvitationService.Inviter inviter = new InvitationService.Inviter(member.id(), member.email(), "Milo");
		String invited = unique("invited");
		once("INVITATION_SENT", () -> this.invitations.invite(team, inviter, invited, this.users.roleId(team, "Member")),
				"select xmin::text from aventian.tbl_invitations where team_id = ? and email = ?", team, invited);
		UUID invitation = this.jdbc.queryForObject(
				"select id from aventian.tbl_invitations where team_id = ? and email = ?", UUID.class, team, invited);
		// the first mail is out before the resend, so the second one carries the token that now counts
		TestMailbox.awaitMail(invited, 1);
		once("INVITATION_RESENT", () -> this.invitations.resend(team, inviter, invitation),
				"select xmin::text from aventian.tbl_invitations where id = ?", invitation);
		String acceptLink = TestMailbox.linkIn(TestMailbox.awaitMail(invited, 2), "/invitations/accept");
		String acceptToken = acceptLink.substring(acceptLink.indexOf("token=") + 6);
		User invitee = this.accounts.createVerifiedUser(invited, "Ivy Invited", TestUsers.PASSWORD);
		once("INVITATION_ACCEPTED", () -> this.invitations.accept(acceptToken, invitee, client),
				"select xmin::text from aventian.tbl_invitations where id = ?", invitation);
		String revoked = unique("revoked");
		this.invitations.invite(team, inviter, revoked, this.users.roleId(team, "Member"));
		UUID toRevoke = this.jdbc.queryForObject(
				"select id from aventian.tbl_invitations where team_id = ? and email = ?", UUID.class, team, revoked);
		once("INVITATION_REVOKED", () -> this.invitations.revoke(team, inviter, toRevoke),
				"select xmin::text from aventian.tbl_invitations where id = ?", toRevoke);
		String teamName = this.teams.team(team).name();
		once("TEAM_DELETED", () -> this.teams.delete(team, member.id(), member.email(), teamName),
				"select xmin::text from aventian.tbl_teams where id = ?", team);

		// roles, grants and resources of a team; the product registry, templates and API keys; the products' API
		walkProductsRolesAndApi(admin);

		// subscriptions and their databases, the keys encrypting their connections
		walkSubscriptionsAndKeys(admin);

		// plans, a team's billing, invoices and payments
		walkBilling(admin);

		// then the walk covered every audited action
		assertThat(this.walked).containsExactlyInAnyOrderElementsOf(AuditActions.ALL);
	}

	private void walkProductsRolesAndApi(User admin) throws Exception {
		PlatformAdmin platform = new PlatformAdmin(admin.id(), admin.email());

		// the product registry
		String code = "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 9);
		UUID product = once("PRODUCT_CREATED", () -> this.registry.create(platform, new ProductForm(code, "Complete " + code, "", "", "")).id(),
				"select xmin::text from aventian.tbl_master_products where code = ?", code);
		String productRow = "select xmin::text from aventian.tbl_master_products where id = ?";
		once("PRODUCT_UPDATED", () -> this.registry.update(platform, product, new ProductForm(code, "Renamed " + code, "", "", ""),
				productVersion(product)), productRow, product);
		once("PRODUCT_RESOURCE_TYPE_ADDED", () -> this.registry.addResourceType(platform, product, "contact", productVersion(product)),
				productRow, product);
		this.registry.addResourceType(platform, product, "pipeline", productVersion(product));
		once("PRODUCT_RESOURCE_TYPE_REMOVED", () -> this.registry.removeResourceType(platform, product, "pipeline",
				productVersion(product)), productRow, product);
		once("PRODUCT_RETIRED", () -> this.registry.retire(platform, product, productVersion(product)), productRow, product);
		once("PRODUCT_REACTIVATED", () -> this.registry.reactivate(platform, product, productVersion(product)), productRow, product);
		String privilegeRow = "select xmin::text from aventian.tbl_privileges where code = ?";
		ProductPrivilege read = once("PRIVILEGE_CREATED", () -> this.registry.addPrivilege(platform, product, code + ".contact.read",
				"Reads contacts"), privilegeRow, code + ".contact.read");
		ProductPrivilege write = this.registry.addPrivilege(platform, product, code + ".contact.write", "Writes contacts");
		ProductPrivilege spare = this.registry.addPrivilege(platform, product, code + ".spare", "Nothing yet");
		once("PRIVILEGE_UPDATED", () -> this.registry.describePrivilege(platform, product, spare.id(), "Still nothing"),
				privilegeRow, spare.code());
		once("PRIVILEGE_DELETED", () -> this.registry.removePrivilege(platform, product, spare.id()), null);
		String templateRow = "select xmin::text from aventian.tbl_role_templates where id = ?";
		RoleTemplate agent = once("ROLE_TEMPLATE_CREATED", () -> this.templates.create(platform, product,
				new TemplateForm("Agent", "", 100, false, true, false, false, List.of(read.id(), write.id()))),
				"select xmin::text from aventian.tbl_role_templates where product_id = ? and name = 'Agent'", product);
		RoleTemplate unused = this.templates.create(platform, product,
				new TemplateForm("Unused", "", 200, false, true, false, false, List.of()));
		once("ROLE_TEMPLATE_DELETED", () -> this.templates.delete(platform, unused.id(), unused.version()), null);
		UUID doomed = this.registry.create(platform, new ProductForm(code + "-x", "Doomed " + code, "", "", "")).id();
		once("PRODUCT_DELETED", () -> this.registry.delete(platform, doomed, productVersion(doomed)), null);

		// a team gets the product: the association, a copy of each template, the product's privileges for its owners
		User lead = this.users.create("Rhea Roles");
		Actor actor = new Actor(lead.id(), lead.email());
		User member = this.users.create("Gus Granted");
		UUID team = this.users.team("Crew " + UUID.randomUUID(), lead, member, "Member");
		steps(List.of("TEAM_PRODUCT_ASSOCIATED", "ROLE_COPIED_FROM_TEMPLATE", "ROLE_PRIVILEGES_CHANGED"),
				() -> this.registry.associateTeam(platform, team, product),
				"select xmin::text from aventian.tbl_team_product_assoc where team_id = ? and product_id = ?", team, product);
		UUID copy = this.jdbc.queryForObject("select id from aventian.tbl_roles where team_id = ? and template_id = ?",
				UUID.class, team, agent.id());

		// the team's own roles
		String roleRow = "select xmin::text from aventian.tbl_roles where id = ?";
		UUID role = once("ROLE_CREATED", () -> this.roles.create(actor, team, "Support", "", null).id(),
				"select xmin::text from aventian.tbl_roles where team_id = ? and name = 'Support'", team);
		once("ROLE_CREATED", () -> this.roles.cloneRole(actor, team, role, "Support too"),
				"select xmin::text from aventian.tbl_roles where team_id = ? and name = 'Support too'", team);
		once("ROLE_RENAMED", () -> this.roles.rename(actor, team, role, "Helpdesk", roleVersion(role)), roleRow, role);
		once("ROLE_DESCRIBED", () -> this.roles.describe(actor, team, role, "Answers the phone", roleVersion(role)), roleRow,
				role);
		once("ROLE_PRIVILEGES_CHANGED", () -> this.roles.setPrivilege(actor, team, role, read.code(), true, roleVersion(role)),
				roleRow, role);

		// grants
		UUID grant = once("ROLE_ASSIGNED", () -> this.assignments.assign(actor, team, member.id(), role, null).id(),
				"select xmin::text from aventian.tbl_user_roles where team_id = ? and user_id = ? and role_id = ?", team,
				member.id(), role);
		once("ROLE_UNASSIGNED", () -> this.assignments.unassign(actor, team, grant),
				"select xmin::text from aventian.tbl_memberships where team_id = ? and user_id = ?", team, member.id());
		once("ROLE_DELETED", () -> this.roles.delete(actor, team, role, roleVersion(role)), null);

		// resources registered in the portal
		String resourceRow = "select xmin::text from aventian.tbl_resources where id = ?";
		UUID resource = once("RESOURCE_REGISTERED", () -> this.resources.register(actor, team, product, "contact", "ext-1", "ACME").id(),
				"select xmin::text from aventian.tbl_resources where team_id = ? and external_id = 'ext-1'", team);
		once("RESOURCE_RENAMED", () -> this.resources.rename(actor, team, resource, "ACME Corp"), resourceRow, resource);
		once("RESOURCE_DELETED", () -> this.resources.delete(actor, team, resource), null);

		// the products' API, with a key of the product
		NewApiKey newKey = once("API_KEY_CREATED", () -> this.apiKeys.create(product, "complete", null, admin.id(), admin.email()),
				"select xmin::text from aventian.tbl_api_keys where product_id = ? and name = 'complete'", product);
		UUID key = newKey.key().id();
		String secret = newKey.secret();
		String resources = "/api/v1/teams/" + team + "/resources";
		UUID registered = once("RESOURCE_REGISTERED", () -> UUID.fromString(JSON.readTree(api(secret, "POST", resources,
				"{\"type\":\"contact\",\"externalId\":\"ext-2\",\"name\":\"Globex\"}", 201)).path("id").asString()),
				"select xmin::text from aventian.tbl_resources where team_id = ? and external_id = 'ext-2'", team);
		once("RESOURCE_RENAMED", () -> api(secret, "PATCH", resources + "/" + registered, "{\"name\":\"Globex Inc\"}", 200),
				resourceRow, registered);
		once("RESOURCE_DELETED", () -> api(secret, "DELETE", resources + "/" + registered, null, 204), null);
		List<String> written = events(() -> api(secret, "POST", "/api/v1/audit-events", "{\"teamId\":\"" + team
				+ "\",\"actorUserId\":\"" + member.id() + "\",\"action\":\"TICKET_CLOSED\",\"targetType\":\"ticket\",\"targetId\":\"T-1\"}",
				201));
		assertThat(written).as("a product's own event, under its code").containsExactly(code.toUpperCase() + "_TICKET_CLOSED");

		// the template changes, and re-applying it takes the privilege from the team's copy
		once("ROLE_TEMPLATE_UPDATED", () -> this.templates.update(platform, agent.id(),
				new TemplateForm("Agent", "Reads only", 100, false, true, false, false, List.of(read.id())), agent.version()),
				templateRow, agent.id());
		once("ROLE_TEMPLATE_REAPPLIED", () -> this.templates.reapply(platform, agent.id(), agent.version() + 1), roleRow, copy);

		once("API_KEY_REVOKED", () -> this.apiKeys.revoke(product, key, admin.id(), admin.email()),
				"select xmin::text from aventian.tbl_api_keys where id = ?", key);
	}

	private void walkSubscriptionsAndKeys(User admin) throws Exception {
		PlatformAdmin platform = new PlatformAdmin(admin.id(), admin.email());
		// a product whose set-up script fails until it is fixed
		ProvisioningFixture.Product tool = this.provisioning.product("select 1 / 0;");
		ProvisioningFixture.Team crew = this.provisioning.team();
		Actor actor = new Actor(crew.owner().id(), crew.owner().email());
		String subscriptionRow = "select xmin::text from aventian.tbl_team_product_assoc where id = ?";

		// subscribing schedules the provisioning job, which starts when the subscription commits: checked before that
		UUID subscription = beforeCommit(List.of("SUBSCRIBED"), () -> {
			this.subscriptions.subscribe(actor, crew.id(), tool.id());
			return this.jdbc.queryForObject("select id from aventian.tbl_team_product_assoc where team_id = ? and product_id = ?",
					UUID.class, crew.id(), tool.id());
		}, "select xmin::text from aventian.tbl_team_product_assoc where team_id = ? and product_id = ?", crew.id(), tool.id());
		assertThat(this.provisioning.awaitSettled(subscription)).isEqualTo("FAILED");
		ranAfter("SUBSCRIBED", List.of("PROVISIONING_STARTED", "PROVISIONING_FAILED"), subscription, subscriptionRow);

		this.provisioning.writeScript(tool.code(), "create table notes (id int);");
		beforeCommit(List.of("PROVISIONING_RETRIED"), () -> this.subscriptions.retry(actor, crew.id(), subscription),
				subscriptionRow, subscription);
		assertThat(this.provisioning.awaitSettled(subscription)).isEqualTo("ACTIVE");
		ranAfter("PROVISIONING_RETRIED", List.of("PROVISIONING_STARTED", "PROVISIONING_SUCCEEDED"), subscription,
				subscriptionRow);

		// a read changes nothing: its event is the change
		once("DB_CONNECTION_READ", () -> this.connections.read(crew.id(), tool.id(), "complete").orElseThrow(), null);

		// the keyset is a file, not a row: each key change writes its one event; the job re-encrypts every value
		long primary = once("ENCRYPTION_KEY_ROTATED", () -> this.rotation.rotate(platform), null);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.jdbc.queryForObject("select count(*) from aventian.team_db_connections where key_id <> ?",
					Integer.class, primary) == 0);
		once("ENCRYPTION_KEYS_DISABLED", () -> this.rotation.disableOlderKeys(platform), null);

		once("SUBSCRIPTION_CANCELLED", () -> this.subscriptions.cancel(actor, crew.id(), subscription), subscriptionRow,
				subscription);
		// the retention over: the drop job, scheduled by the cancellation for then, runs now
		this.provisioning.dueForDrop(subscription);
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			dueNow("drop-subscription-database", subscription + "@%");
			return this.jdbc.queryForObject("select dropped_at is not null from aventian.tbl_team_product_assoc where id = ?",
					Boolean.class, subscription);
		});
		ranAfter("SUBSCRIPTION_CANCELLED", List.of("SUBSCRIPTION_DATABASE_DROPPED"), subscription, subscriptionRow);
	}

	private void walkBilling(User admin) throws Exception {
		PortalHttp platform = this.users.signedIn(this.port, admin);
		UUID product = this.billingFixtures.product("Complete billing");
		String planRow = "select xmin::text from aventian.tbl_plans where product_id = ? and code = ? and version = ?";
		once("PLAN_CREATED", () -> savePlan(platform, "/admin/plans", product, "basic", 1000, 2), planRow, product, "basic", 1);
		UUID basic = planId(product, "basic", 1);
		once("PLAN_UPDATED", () -> savePlan(platform, "/admin/plans/" + basic, product, "basic", 1200, 2), planRow, product,
				"basic", 1);
		savePlan(platform, "/admin/plans", product, "pro", 3000, 5);
		UUID pro = planId(product, "pro", 1);

		BillingFixtures.Team payer = this.billingFixtures.team("Payer");
		UUID owner = payer.owner().id();
		String email = payer.owner().email();
		UUID team = payer.id();
		once("BILLING_DETAILS_CHANGED", () -> this.billing.updateTeamBilling(owner, email, team, "billing@example.com",
				"1 Main Street", "UTC"), "select xmin::text from aventian.tbl_team_billing where team_id = ?", team);
		String billingRow = "select xmin::text from aventian.tbl_subscription_billing where team_id = ?";
		// subscribing on a plan opens the one subscription row (SUBSCRIBED) and its billing in one transaction
		steps(List.of("SUBSCRIBED", "SUBSCRIPTION_CREATED", "INVOICE_ISSUED"),
				() -> this.billing.subscribe(owner, email, team, basic.toString(), "1"), billingRow, team);
		UUID assoc = this.jdbc.queryForObject("select assoc_id from aventian.tbl_subscription_billing where team_id = ?",
				UUID.class, team);
		// its database is provisioned by a job whose events (in their own transactions) must not mix with the next steps
		await().atMost(Duration.ofSeconds(60)).until(() -> !"PROVISIONING".equals(this.jdbc.queryForObject(
				"select status from aventian.tbl_team_product_assoc where id = ?", String.class, assoc)));
		// a plan with subscriptions keeps its terms: new ones are its next version
		once("PLAN_VERSION_CREATED", () -> savePlan(platform, "/admin/plans/" + basic, product, "basic", 1500, 2), planRow,
				product, "basic", 2);
		UUID basicAgain = planId(product, "basic", 2);

		steps(List.of("SUBSCRIPTION_SEATS_CHANGED", "INVOICE_ISSUED"),
				() -> this.billing.changeSeats(owner, email, team, assoc, "4"), billingRow, team);
		once("SUBSCRIPTION_SEATS_CHANGE_SCHEDULED", () -> this.billing.changeSeats(owner, email, team, assoc, "3"),
				billingRow, team);
		steps(List.of("SUBSCRIPTION_PLAN_CHANGED", "INVOICE_ISSUED"),
				() -> this.billing.changePlan(owner, email, team, assoc, pro.toString()), billingRow, team);
		once("SUBSCRIPTION_PLAN_CHANGE_SCHEDULED",
				() -> this.billing.changePlan(owner, email, team, assoc, basicAgain.toString()), billingRow, team);
		renewed(team, assoc, List.of("SUBSCRIPTION_CHANGE_APPLIED", "INVOICE_ISSUED"));
		once("SUBSCRIPTION_CANCEL_SCHEDULED", () -> this.billing.cancelAtPeriodEnd(owner, email, team, assoc), billingRow,
				team);
		once("SUBSCRIPTION_RESUMED", () -> this.billing.resume(owner, email, team, assoc), billingRow, team);

		// invoices: paid by a transfer, credited, voided
		String invoiceRow = "select xmin::text from aventian.tbl_invoices where id = ?";
		UUID first = invoiceOf(team, "SUBSCRIBED");
		once("INVOICE_PAID", () -> this.payments.recordManual(admin.id(), admin.email(), first, "1200", "TR-" + first),
				invoiceRow, first);
		once("CREDIT_NOTE_ISSUED", () -> this.invoices.creditNote(admin.id(), admin.email(), first, "200", "Goodwill"),
				"select xmin::text from aventian.tbl_invoices where credited_invoice_id = ?", first);
		UUID seats = this.jdbc.queryForObject("select id from aventian.tbl_invoices where team_id = ? and reason = 'PRORATION' "
				+ "order by number limit 1", UUID.class, team);
		once("INVOICE_VOIDED", () -> this.invoices.voidInvoice(admin.id(), admin.email(), seats), invoiceRow, seats);
		assertNone(() -> this.payments.recordManual(admin.id(), admin.email(), seats, "1", "TR-void"));

		// Stripe's reports: a failed payment of an open invoice, money taken for the voided one
		UUID renewal = invoiceOf(team, "RENEWAL");
		String claimed = "select xmin::text from aventian.tbl_payment_events where event_id = ?";
		String failed = StripeEvents.eventId();
		once("PAYMENT_FAILED", () -> stripe(StripeEvents.paymentFailed(failed, renewal, now()), "applied"), claimed, failed);
		String misplaced = StripeEvents.eventId();
		String payload = StripeEvents.paymentSucceeded(misplaced, "pi_" + UUID.randomUUID(), seats, 1, now());
		once("PAYMENT_NOT_APPLIED", () -> stripe(payload, "applied"), claimed, misplaced);
		assertThat(events(() -> stripe(payload, "already applied"))).as("a delivery again").isEmpty();

		// the period ends with the subscription set to end then
		this.billing.cancelAtPeriodEnd(owner, email, team, assoc);
		// ending its billing cancels the subscription row in the same transaction
		renewed(team, assoc, List.of("SUBSCRIPTION_STATUS_CHANGED", "SUBSCRIPTION_CANCELLED"));
		assertNone(() -> this.billing.changePlan(owner, email, team, assoc, pro.toString()));
		assertNone(() -> this.billing.changeSeats(owner, email, team, assoc, "5"));
	}

	/** Saves the plan form of the platform admin's page, as the page posts it. */
	private void savePlan(PortalHttp platform, String path, UUID product, String code, long price, int seats) {
		HttpResponse<String> response = platform.submit(path, path, Map.of("productId", product.toString(), "code", code,
				"name", code.toUpperCase(), "currency", "EUR", "price", Long.toString(price), "interval", "MONTH",
				"includedSeats", Integer.toString(seats), "extraSeatPrice", "300", "trialDays", "0"));
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(302);
	}

	private UUID planId(UUID product, String code, int version) {
		return this.jdbc.queryForObject("select id from aventian.tbl_plans where product_id = ? and code = ? and version = ?",
				UUID.class, product, code, version);
	}

	private UUID invoiceOf(UUID team, String reason) {
		return this.jdbc.queryForObject("select id from aventian.tbl_invoices where team_id = ? and reason = ?", UUID.class,
				team, reason);
	}

	/**
	 * The subscription's period ends now and the renewal job (a recurring job of the cluster) runs: the renewal's
	 * events for the team are exactly these, in the transaction that renewed the subscription's row.
	 */
	private void renewed(UUID team, UUID assoc, List<String> actions) {
		long watermark = watermark();
		this.jdbc.update("update aventian.tbl_subscription_billing set period_start = period_start - interval '1 month', "
				+ "period_end = now() - interval '1 minute' where assoc_id = ?", assoc);
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			dueNow("billing-renewal", "%");
			return this.jdbc.queryForObject("select period_end > now() or status = 'CANCELLED' "
					+ "from aventian.tbl_subscription_billing where assoc_id = ?", Boolean.class, assoc);
		});
		List<Map<String, Object>> events = this.jdbc.queryForList("select action, target_type, xmin::text as tx "
				+ "from aventian_audit.tbl_audit_events where id > ? and team_id = ? order by id", watermark, team);
		assertThat(events).as("renewal").extracting((event) -> event.get("action")).containsExactlyElementsOf(actions);
		assertThat(events).as("transaction of the renewal")
			.extracting((event) -> event.get("tx"))
			.containsOnly(this.jdbc.queryForObject("select xmin::text from aventian.tbl_subscription_billing where assoc_id = ?",
					String.class, assoc));
		assertKnownTargets(events);
		this.walked.addAll(actions);
	}

	/**
	 * Makes the job due now, at each look while waiting for it: a run already going when its work became due
	 * puts a recurring job back to its next time, and a failed run (a Redis timeout on a loaded machine) puts
	 * a one-time job minutes later.
	 */
	private void dueNow(String task, String instance) {
		this.jdbc.update("update aventian.scheduled_tasks set execution_time = now() where task_name = ? "
				+ "and task_instance like ? and not picked", task, instance);
	}

	/** A Stripe delivery signed as Stripe signs it, answered as {@code answer}. */
	private void stripe(String payload, String answer) {
		String signature;
		try {
			signature = StripeEvents.signed(payload, now());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		HttpResponse<String> response = deliver(payload, signature);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(answer);
	}

	private HttpResponse<String> deliver(String payload, String signature) {
		try {
			return API.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/webhooks/stripe"))
				.header("Content-Type", "application/json; charset=utf-8")
				.header("Stripe-Signature", signature)
				.POST(HttpRequest.BodyPublishers.ofString(payload))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private long now() {
		return this.clock.instant().getEpochSecond();
	}

	@Test
	void aChangeThatFailsWritesNoEvent() {
		User owner = this.users.create("Fay Fails");
		Actor actor = new Actor(owner.id(), owner.email());
		UUID team = this.users.team("Failing " + UUID.randomUUID(), owner);
		User member = this.users.create("Mo Member");
		this.memberships.addMemberWithRole(team, member.id(), this.users.roleId(team, "Member"), owner.id());
		int version = this.teams.team(team).version();

		assertNone(() -> this.teams.rename(team, owner.id(), owner.email(), "Stale", version - 1));
		assertNone(() -> this.teams.delete(team, owner.id(), owner.email(), "not the name"));
		assertNone(() -> this.memberships.leave(actor, team));
		assertNone(() -> this.memberships.changeRole(actor, team, member.id(), this.users.roleId(team, "Viewer"), 999));
		assertNone(() -> this.memberships.remove(new Actor(member.id(), member.email()), team, owner.id()));
		assertNone(() -> this.profiles.changePassword(owner.id(), "not my password at all", NEW_PASSWORD,
				InetAddress.getLoopbackAddress()));
		assertNone(() -> this.accounts.disable(member.id(), owner.id()));
		assertThat(this.teams.team(team).name()).startsWith("Failing ");
	}

	@Test
	void aRefusedRoleEditGrantOrProductWritesNoEvent() {
		User admin = this.users.create("Pat Platform");
		PlatformAdmin platform = new PlatformAdmin(admin.id(), admin.email());
		String code = "f" + UUID.randomUUID().toString().replace("-", "").substring(0, 9);
		UUID product = this.registry.create(platform, new ProductForm(code, "Failing " + code, "", "", "")).id();
		User owner = this.users.create("Rex Refused");
		Actor actor = new Actor(owner.id(), owner.email());
		User member = this.users.create("Vi Viewer");
		Actor viewer = new Actor(member.id(), member.email());
		UUID team = this.users.team("Refusing " + UUID.randomUUID(), owner, member, "Viewer");
		UUID role = this.roles.create(actor, team, "Support", "", null).id();
		// the role holds what the viewer lacks, so the viewer may not edit it
		this.roles.setPrivilege(actor, team, role, "audit.read", true, roleVersion(role));
		int version = roleVersion(role);

		assertNone(() -> this.roles.rename(actor, team, role, "Stale", version - 1));
		assertNone(() -> this.roles.rename(viewer, team, role, "Not mine to rename", version));
		assertNone(() -> this.roles.create(actor, team, "Support", "", null));
		assertNone(() -> this.assignments.assign(actor, team, owner.id(), role, null));
		assertNone(() -> this.assignments.assign(viewer, team, owner.id(), role, null));
		assertNone(() -> this.registry.create(platform, new ProductForm(code, "Duplicate " + code, "", "", "")));
		assertNone(() -> this.registry.update(platform, product, new ProductForm(code, "Stale", "", "", ""),
				productVersion(product) - 1));
		assertThat(this.jdbc.queryForObject("select name from aventian.tbl_roles where id = ?", String.class, role))
			.isEqualTo("Support");
	}

	@Test
	void aRefusedSubscriptionPaymentOrBillingChangeWritesNoEvent() throws Exception {
		ProvisioningFixture.Product tool = this.provisioning.product("create table notes (id int);");
		User owner = this.users.create("Sue Subscriber");
		Actor actor = new Actor(owner.id(), owner.email());
		User viewer = this.users.create("Vic Viewer");
		UUID team = this.users.team("Refusing " + UUID.randomUUID(), owner, viewer, "Viewer");

		// a member without products.subscribe: the team gate refuses before anything happens
		PortalHttp viewing = this.users.signedIn(this.port, viewer);
		List<Integer> answers = new ArrayList<>();
		assertThat(events(() -> answers.add(viewing.submit("/teams/" + team + "/products", "/teams/" + team
				+ "/products/subscribe", Map.of("productId", tool.id().toString())).statusCode()))).isEmpty();
		assertThat(answers).containsExactly(403);

		// the subscription's own refusals: twice the same, a retry of what did not fail, a second cancellation
		this.subscriptions.subscribe(actor, team, tool.id());
		UUID subscription = this.jdbc.queryForObject("select id from aventian.tbl_team_product_assoc where team_id = ? "
				+ "and product_id = ?", UUID.class, team, tool.id());
		assertThat(this.provisioning.awaitSettled(subscription)).isEqualTo("ACTIVE");
		assertNone(() -> this.subscriptions.subscribe(actor, team, tool.id()));
		assertNone(() -> this.subscriptions.retry(actor, team, subscription));
		this.subscriptions.cancel(actor, team, subscription);
		assertNone(() -> this.subscriptions.cancel(actor, team, subscription));

		// billing: subscribing twice, fewer seats than members, resuming what does not end
		UUID product = this.billingFixtures.product("Refusing billing");
		String plan = this.billingFixtures.plan(product, "refused", "EUR", 1000, BillingInterval.MONTH, 2, 0, 0).id().toString();
		UUID assoc = this.billing.subscribe(owner.id(), owner.email(), team, plan, "2");
		// the plan's subscription provisions its database: its job's events are not the refusals' below
		this.provisioning.awaitSettled(assoc);
		assertNone(() -> this.billing.subscribe(owner.id(), owner.email(), team, plan, "2"));
		assertNone(() -> this.billing.changeSeats(owner.id(), owner.email(), team, assoc, "1"));
		assertNone(() -> this.billing.resume(owner.id(), owner.email(), team, assoc));

		// invoices: a wrong amount, then a payment, a second void or too large a credit for a voided invoice
		UUID invoice = this.jdbc.queryForObject("select id from aventian.tbl_invoices where assoc_id = ?", UUID.class, assoc);
		assertNone(() -> this.payments.recordManual(owner.id(), owner.email(), invoice, "999", "TR-short"));
		this.invoices.voidInvoice(owner.id(), owner.email(), invoice);
		assertNone(() -> this.payments.recordManual(owner.id(), owner.email(), invoice, "1000", "TR-late"));
		assertNone(() -> this.invoices.voidInvoice(owner.id(), owner.email(), invoice));
		assertNone(() -> this.invoices.creditNote(owner.id(), owner.email(), invoice, "1001", "More than billed"));

		// Stripe: a delivery not signed with the secret changes nothing
		String payload = StripeEvents.paymentFailed(StripeEvents.eventId(), invoice, now());
		List<Integer> refused = new ArrayList<>();
		assertThat(events(() -> refused.add(deliver(payload, "t=" + now() + ",v1=forged").statusCode()))).isEmpty();
		assertThat(refused).containsExactly(400);
	}

	@Test
	void aSubscriptionRolledBackLeavesNeitherItsEventsNorItsJob() {
		ProvisioningFixture.Product tool = this.provisioning.product("create table notes (id int);");
		User owner = this.users.create("Rae Rollback");
		UUID team = this.users.team("Rolled " + UUID.randomUUID(), owner);
		UUID product = this.billingFixtures.product("Rolled billing");
		String plan = this.billingFixtures.plan(product, "rolled", "EUR", 1000, BillingInterval.MONTH, 1, 0, 0).id().toString();

		List<String> events = events(() -> this.transaction.executeWithoutResult((status) -> {
			this.subscriptions.subscribe(new Actor(owner.id(), owner.email()), team, tool.id());
			this.billing.subscribe(owner.id(), owner.email(), team, plan, "1");
			status.setRollbackOnly();
		}));

		assertThat(events).isEmpty();
		assertThat(this.jdbc.queryForObject("select count(*) from aventian.tbl_team_product_assoc where team_id = ?",
				Integer.class, team)).isZero();
		assertThat(this.jdbc.queryForObject("select count(*) from aventian.tbl_invoices where team_id = ?", Integer.class,
				team)).isZero();
	}

	@Test
	void aProductCannotWriteAnEventPassingForOneOfThePortals() {
		User admin = this.users.create("Pam Platform");
		PlatformAdmin platform = new PlatformAdmin(admin.id(), admin.email());
		// a product whose code is the first word of portal actions: "user" + "DISABLED" would read USER_DISABLED
		UUID product = this.jdbc.queryForList("select id from aventian.tbl_master_products where code = 'user'", UUID.class)
			.stream()
			.findFirst()
			.orElseGet(() -> this.registry.create(platform, new ProductForm("user", "User tools", "", "", "")).id());
		User owner = this.users.create("Tom Team");
		UUID team = this.users.team("Forged " + UUID.randomUUID(), owner);
		this.registry.associateTeam(platform, team, product);
		String secret = this.apiKeys.create(product, "forger", null, admin.id(), admin.email()).secret();

		List<String> refusal = new ArrayList<>();
		List<String> written = events(() -> refusal.add(api(secret, "POST", "/api/v1/audit-events",
				"{\"teamId\":\"" + team + "\",\"action\":\"DISABLED\",\"targetType\":\"user\",\"targetId\":\"" + owner.id() + "\"}",
				400)));

		assertThat(refusal).singleElement().asString().contains("\"action_reserved\"");
		assertThat(written).isEmpty();
	}

	@Test
	void aChangeRolledBackAfterItsEventLeavesNeitherTheChangeNorTheEvent() {
		User owner = this.users.create("Rob Rollback");
		UUID team = this.users.team("Rolled " + UUID.randomUUID(), owner);
		String name = this.teams.team(team).name();

		List<String> events = events(() -> this.transaction.executeWithoutResult((status) -> {
			this.teams.rename(team, owner.id(), owner.email(), "Never " + UUID.randomUUID(), this.teams.team(team).version());
			status.setRollbackOnly();
		}));

		assertThat(events).isEmpty();
		assertThat(this.teams.team(team).name()).isEqualTo(name);
	}

	/** Runs a change that must write exactly these events, in this order, all in the transaction of the row the query finds. */
	private void steps(List<String> actions, ThrowingRunnable change, String changedRow, Object... args) throws Exception {
		long watermark = watermark();
		change.run();
		List<Map<String, Object>> events = eventsAfter(watermark);
		assertThat(events).as(actions.toString()).extracting((event) -> event.get("action")).containsExactlyElementsOf(actions);
		String tx = this.jdbc.queryForObject(changedRow, String.class, args);
		assertThat(events).as("transaction of " + actions).extracting((event) -> event.get("tx")).containsOnly(tx);
		assertKnownTargets(events);
		this.walked.addAll(actions);
	}

	/**
	 * Runs a change in a transaction of the test and checks its events before it commits: the change schedules a
	 * job that starts at the commit and moves the row on. The events written by the change are exactly these, in
	 * the transaction that changed the row the query finds (a change writing them in another would show here).
	 */
	private <T> T beforeCommit(List<String> actions, ThrowingSupplier<T> change, String changedRow, Object... args) {
		return this.transaction.execute((status) -> {
			long watermark = watermark();
			T result;
			try {
				result = change.get();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			List<Map<String, Object>> events = eventsAfter(watermark);
			assertThat(events).as(actions.toString()).extracting((event) -> event.get("action")).containsExactlyElementsOf(actions);
			assertThat(events).as("transaction of " + actions)
				.extracting((event) -> event.get("tx"))
				.containsOnly(this.jdbc.queryForObject(changedRow, String.class, args));
			assertKnownTargets(events);
			this.walked.addAll(actions);
			return result;
		});
	}

	/**
	 * The events a background run wrote about the target after the step {@code after}: exactly these, each state
	 * move in a transaction of its own, the last in the transaction that left the row as it is now.
	 */
	private void ranAfter(String after, List<String> actions, UUID target, String changedRow) {
		List<Map<String, Object>> events = this.jdbc.queryForList("select action, target_type, xmin::text as tx "
				+ "from aventian_audit.tbl_audit_events where target_id = ? and id > (select max(id) "
				+ "from aventian_audit.tbl_audit_events where target_id = ? and action = ?) order by id", target.toString(),
				target.toString(), after);
		assertThat(events).as(actions.toString()).extracting((event) -> event.get("action")).containsExactlyElementsOf(actions);
		assertThat(events).as("one transaction per move of " + actions)
			.extracting((event) -> event.get("tx"))
			.doesNotHaveDuplicates();
		assertThat(events.get(events.size() - 1).get("tx")).as("transaction of " + actions.get(actions.size() - 1))
			.isEqualTo(this.jdbc.queryForObject(changedRow, String.class, target));
		assertKnownTargets(events);
		this.walked.addAll(actions);
	}

	/** The viewer's target filter offers every kind of target the portal's events name. */
	private static void assertKnownTargets(List<Map<String, Object>> events) {
		assertThat(events).extracting((event) -> event.get("target_type")).allMatch(AuditActions.TARGET_TYPES::contains);
	}

	/** The events after the watermark, but for those of renewals and dunning (see the class comment). */
	private List<Map<String, Object>> eventsAfter(long watermark) {
		return this.jdbc.queryForList("select action, target_type, xmin::text as tx from aventian_audit.tbl_audit_events "
				+ "where id > ? and actor_email is distinct from 'system' order by id", watermark);
	}

	/** A call of the products' API with the key; the response's body, after checking its status. */
	private String api(String key, String method, String path, String json, int status) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", "Bearer " + key)
			.header("Accept", "application/json");
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		try {
			HttpResponse<String> response = API.send(request.method(method, (json == null)
					? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
			return response.body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private int productVersion(UUID product) {
		return this.jdbc.queryForObject("select version from aventian.tbl_master_products where id = ?", Integer.class, product);
	}

	private int roleVersion(UUID role) {
		return this.jdbc.queryForObject("select version from aventian.tbl_roles where id = ?", Integer.class, role);
	}

	/** Runs a change that must write exactly one event of the action, in the transaction of the row the query finds. */
	private <T> T once(String action, ThrowingSupplier<T> change, String changedRow, Object... args) throws Exception {
		long watermark = watermark();
		T result = change.get();
		List<Map<String, Object>> events = eventsAfter(watermark);
		assertThat(events).as(action).extracting((event) -> event.get("action")).containsExactly(action);
		if (changedRow != null) {
			assertThat(this.jdbc.queryForObject(changedRow, String.class, args)).as("transaction of " + action)
				.isEqualTo(events.get(0).get("tx"));
		}
		assertKnownTargets(events);
		this.walked.add(action);
		return result;
	}

	private void once(String action, ThrowingRunnable change, String changedRow, Object... args) throws Exception {
		once(action, () -> {
			change.run();
			return null;
		}, changedRow, args);
	}

	private List<String> events(Runnable change) {
		long watermark = watermark();
		change.run();
		return eventsAfter(watermark).stream().map((event) -> (String) event.get("action")).toList();
	}

	private void assertNone(Runnable failingChange) {
		long watermark = watermark();
		assertThatThrownBy(failingChange::run).isInstanceOf(RuntimeException.class);
		assertThat(eventsAfter(watermark)).isEmpty();
	}

	private long watermark() {
		return this.jdbc.queryForObject("select coalesce(max(id), 0) from aventian_audit.tbl_audit_events", Long.class);
	}

	private void endOtherSession(PortalHttp phone) {
		Matcher handle = Pattern.compile("/account/sessions/([^/\"]+)/end").matcher(phone.get("/account/sessions").body());
		assertThat(handle.find()).isTrue();
		phone.submit("/account/sessions", "/account/sessions/" + handle.group(1) + "/end", Map.of());
	}

	private static String tokenIn(String address, String path) {
		String link = TestMailbox.awaitLink(address, path);
		return link.substring(link.indexOf("token=") + 6);
	}

	private static String unique(String name) {
		return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
	}

	@FunctionalInterface
	interface ThrowingSupplier<T> {

		T get() throws Exception;

	}

	@FunctionalInterface
	interface ThrowingRunnable {

		void run() throws Exception;

	}

}
