package com.aventian.portal.local;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.aventian.portal.account.AccountService;
import com.aventian.portal.account.User;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.audit.LoginAction;
import com.aventian.portal.billing.BillingSubscriptions;
import com.aventian.portal.billing.Plan;
import com.aventian.portal.billing.PlanForm;
import com.aventian.portal.billing.Plans;
import com.aventian.portal.invitation.InvitationService;
import com.aventian.portal.invitation.InvitationService.Inviter;
import com.aventian.portal.product.PlatformAdmin;
import com.aventian.portal.product.Product;
import com.aventian.portal.product.ProductForm;
import com.aventian.portal.product.ProductPrivilege;
import com.aventian.portal.product.ProductRegistry;
import com.aventian.portal.product.RoleTemplates;
import com.aventian.portal.product.TemplateForm;
import com.aventian.portal.rbac.Resources;
import com.aventian.portal.team.MemberRow;
import com.aventian.portal.team.MembershipService;
import com.aventian.portal.team.MembershipService.Actor;
import com.aventian.portal.team.TeamRole;
import com.aventian.portal.team.TeamService;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo data of local mode, a living portal: the demo user in three teams (owner of one, admin and member
 * of the others), about 25 people holding every seeded role, pending, resent, revoked and expired
 * invitations, some history (sign-ins, switches, a role change), and two demo products (a CRM and an analytics
 * product) the teams have, with resources and grants narrowed to them, plans of both and teams subscribed on
 * them (a trial, an open invoice), all made through the portal's own
 * services in one transaction, so it is there whole or not at all; a restart finds it and adds nothing.
 * The demo accounts' random passwords are kept in {@code .aventian/demo-accounts.properties} and printed
 * at each start: the one exception to "no secrets in logs", and only here.
 */
class LocalDemoData {

	static final String DEMO_USER = "demo@aventian.local";

	static final String DEMO_ADMIN = "admin@aventian.local";

	static final String DEMO_DOMAIN = "@demo.aventian.local";

	private static final InetAddress LOCALHOST = InetAddress.getLoopbackAddress();

	private final AccountService accounts;

	private final TeamService teams;

	private final MembershipService memberships;

	private final InvitationService invitations;

	private final AuditLog audit;

	private final ProductRegistry products;

	private final RoleTemplates templates;

	private final Resources resources;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final String port;

	private final Plans plans;

	private final BillingSubscriptions billing;

	LocalDemoData(AccountService accounts, TeamService teams, MembershipService memberships,
			InvitationService invitations, AuditLog audit, ProductRegistry products, RoleTemplates templates,
			Resources resources, JdbcTemplate jdbc, TransactionTemplate transaction,
			@Value("${local.server.port:${server.port}}") String port, Plans plans, BillingSubscriptions billing) {
		this.plans = plans;
		this.billing = billing;
		this.accounts = accounts;
		this.teams = teams;
		this.memberships = memberships;
		this.invitations = invitations;
		this.audit = audit;
		this.products = products;
		this.templates = templates;
		this.resources = resources;
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.port = port;
	}

	@EventListener(ApplicationReadyEvent.class)
	void createAndPrint() throws IOException {
		Properties passwords = loadPasswords(LocalPortal.DATA_DIRECTORY.resolve("demo-accounts.properties"));
		this.transaction.executeWithoutResult((status) -> {
			User demo = this.accounts.findUserByEmail(DEMO_USER)
				.orElseGet(() -> this.accounts.createVerifiedUser(DEMO_USER, "Dana Demo", passwords.getProperty(DEMO_USER)));
			User admin = this.accounts.findUserByEmail(DEMO_ADMIN).orElseGet(() -> {
				User created = this.accounts.createVerifiedUser(DEMO_ADMIN, "Avery Admin", passwords.getProperty(DEMO_ADMIN));
				this.accounts.grantPlatformAdmin(created.id());
				return created;
			});
			// the people of the demo teams mark a portal already brought to life (also one of an older local mode)
			if (this.accounts.findUserByEmail("olivia.okafor" + DEMO_DOMAIN).isEmpty()) {
				bringToLife(demo);
			}
			// the demo products came later: a portal brought to life before them gets them now
			if (this.products.products().stream().noneMatch((product) -> product.code().equals("crm"))) {
				addProducts(demo, new PlatformAdmin(admin.id(), admin.email()));
			}
			// billing came later still: plans for the demo products, and two teams subscribed on them
			if (this.plans.all().stream().noneMatch((plan) -> plan.productName().equals("Aventian CRM"))) {
				addPlans(demo, admin);
			}
		});
		System.out.printf("%n  Aventian portal, local mode: http://localhost:%s%n"
				+ "  Demo user:           %s / %s%n"
				+ "  Demo platform admin: %s / %s%n"
				+ "  Or use \"Sign in with Aventian ID (local)\" as any e-mail you like.%n%n", this.port, DEMO_USER,
				passwords.getProperty(DEMO_USER), DEMO_ADMIN, passwords.getProperty(DEMO_ADMIN));
	}

	private void bringToLife(User demo) {
		UUID acme = this.teams.teamsOf(demo.id())
			.stream()
			.filter((team) -> team.name().equals("Acme Demo"))
			.findFirst()
			.map((team) -> team.id())
			.orElseGet(() -> this.teams.createTeam(demo.id(), demo.email(), "Acme Demo").id());
		populate(acme, demo, "Olivia Okafor", "Owner", "Arjun Patel", "Admin", "Beatriz Costa", "Admin",
				"Chen Wei", "Billing manager", "Dmitri Volkov", "Billing manager", "Emma Schulz", "Member",
				"Farah Haddad", "Member", "Gabriel Moreau", "Member", "Hana Sato", "Member", "Isaac Mensah", "Member",
				"Julia Nowak", "Member", "Kofi Boateng", "Member", "Lena Fischer", "Viewer", "Mateo Rossi", "Viewer");

		User nora = person("Nora Lindqvist");
		UUID northwind = this.teams.createTeam(nora.id(), nora.email(), "Northwind Labs").id();
		this.memberships.addMemberWithRole(northwind, demo.id(), roleOf(northwind, "Admin"), nora.id());
		populate(northwind, nora, "Omar Farouk", "Admin", "Priya Nair", "Member", "Quentin Blake", "Member",
				"Emma Schulz", "Billing manager", "Rosa Delgado", "Viewer");

		User sam = person("Sam Whitfield");
		UUID globex = this.teams.createTeam(sam.id(), sam.email(), "Globex Studio").id();
		this.memberships.addMemberWithRole(globex, demo.id(), roleOf(globex, "Member"), sam.id());
		populate(globex, sam, "Tariq Aziz", "Owner", "Uma Reddy", "Admin", "Victor Hugo", "Member",
				"Arjun Patel", "Viewer");

		Inviter dana = new Inviter(demo.id(), demo.email(), demo.displayName());
		invite(acme, dana, "Member", "wendy.walker@example.com", "xavier.ortiz@example.com", "yara.khalil@example.com");
		invite(acme, dana, "Viewer", "zoe.adams@example.com", "old.friend@example.com", "late.reply@example.com",
				"changed.mind@example.com");
		invite(northwind, dana, "Member", "ben.carter@example.com", "ivy.chen@example.com");
		expire(acme, "old.friend@example.com", 12);
		expire(acme, "late.reply@example.com", 9);
		this.invitations.resend(acme, dana, invitationOf(acme, "xavier.ortiz@example.com"));
		this.invitations.revoke(acme, dana, invitationOf(acme, "changed.mind@example.com"));

		MemberRow julia = this.memberships.member(acme, person("Julia Nowak").id());
		this.memberships.changeRole(new Actor(demo.id(), demo.email()), acme, julia.userId(),
				roleOf(acme, "Admin"), julia.version());
		for (int i = 0; i < 3; i++) {
			this.audit.recordLogin(demo.email(), LoginAction.LOGIN, null, LOCALHOST);
		}
		this.teams.switchTo(northwind, demo.id(), demo.email(), LOCALHOST);
		this.teams.switchTo(acme, demo.id(), demo.email(), LOCALHOST);
	}

	/**
	 * Two demo products registered as a platform admin would: a CRM (contacts and pipelines) and an analytics
	 * product (dashboards), with privileges, role templates (one an invisible service account), provisioning
	 * scripts under db/products; the demo teams get them, register resources, and a few members hold roles
	 * narrowed to one resource.
	 */
	private void addProducts(User demo, PlatformAdmin admin) {
		Product crm = product(admin, "crm", "Aventian CRM", "Contacts, pipelines and deals.", "https://crm.aventian.local/",
				"contact", "pipeline");
		Map<String, UUID> crmPrivileges = privileges(admin, crm, "crm.contact.read", "Read contacts", "crm.contact.write",
				"Create and edit contacts", "crm.contact.delete", "Delete contacts", "crm.pipeline.read",
				"See pipelines and their deals", "crm.pipeline.manage", "Edit pipelines, stages and deals", "crm.settings",
				"Change the CRM's settings");
		template(admin, crm, "CRM Sales rep", "Works contacts and follows pipelines", false, true, crmPrivileges,
				"crm.contact.read", "crm.contact.write", "crm.pipeline.read");
		template(admin, crm, "CRM Manager", "Everything in the CRM", false, true, crmPrivileges, crmPrivileges.keySet()
			.toArray(String[]::new));
		template(admin, crm, "CRM Sync service", "The CRM's own background sync", true, false, crmPrivileges,
				"crm.contact.read", "crm.pipeline.read");

		Product analytics = product(admin, "analytics", "Aventian Analytics", "Dashboards over the team's events.",
				"https://analytics.aventian.local/", "dashboard");
		Map<String, UUID> analyticsPrivileges = privileges(admin, analytics, "analytics.dashboard.view", "See a dashboard",
				"analytics.dashboard.edit", "Change a dashboard's widgets", "analytics.export", "Export data as CSV or XLSX");
		template(admin, analytics, "Analytics Viewer", "Sees dashboards", false, true, analyticsPrivileges,
				"analytics.dashboard.view");
		template(admin, analytics, "Analytics Editor", "Builds dashboards and exports", false, true, analyticsPrivileges,
				"analytics.dashboard.view", "analytics.dashboard.edit", "analytics.export");

		UUID acme = teamOf(demo, "Acme Demo");
		UUID northwind = teamOf(demo, "Northwind Labs");
		UUID globex = teamOf(demo, "Globex Studio");
		this.products.associateTeam(admin, acme, crm.id());
		this.products.associateTeam(admin, acme, analytics.id());
		this.products.associateTeam(admin, northwind, crm.id());
		this.products.associateTeam(admin, globex, analytics.id());

		Actor dana = new Actor(demo.id(), demo.email());
		UUID initech = this.resources.register(dana, acme, crm.id(), "contact", "C-1001", "Initech").id();
		this.resources.register(dana, acme, crm.id(), "contact", "C-1002", "Umbrella Corp");
		UUID emea = this.resources.register(dana, acme, crm.id(), "pipeline", "emea", "EMEA pipeline").id();
		UUID revenue = this.resources.register(dana, acme, analytics.id(), "dashboard", "revenue", "Revenue").id();
		this.resources.register(dana, northwind, crm.id(), "pipeline", "default", "Main pipeline");

		grant(acme, demo, "CRM Manager", null, demo);
		grant(acme, person("Emma Schulz"), "CRM Sales rep", emea, demo);
		grant(acme, person("Farah Haddad"), "CRM Sales rep", initech, demo);
		grant(acme, person("Gabriel Moreau"), "Analytics Viewer", revenue, demo);
		grant(acme, person("Arjun Patel"), "Analytics Editor", null, demo);
	}

	/**
	 * Plans of the two demo products, and billing a newcomer can watch: Acme Demo on a CRM trial and on a
	 * monthly Analytics plan (its first invoice open), Northwind Labs on the yearly CRM plan; Globex Studio
	 * has Analytics on no plan. Seats cover each team's members (every member uses its products).
	 */
	private void addPlans(User demo, User admin) {
		UUID crm = productId("crm");
		UUID analytics = productId("analytics");
		Plan crmStarter = plan(admin, crm, "starter", "Starter", "2900", "MONTH", "5", "500", "14");
		plan(admin, crm, "business", "Business", "9900", "MONTH", "10", "700", "14");
		Plan crmYearly = plan(admin, crm, "business-yearly", "Business (yearly)", "99000", "YEAR", "10", "7000", "0");
		Plan analyticsTeam = plan(admin, analytics, "team", "Team", "1900", "MONTH", "3", "400", "0");
		plan(admin, analytics, "pro", "Pro", "4900", "MONTH", "10", "300", "30");
		subscribe(demo, teamOf(demo, "Acme Demo"), crmStarter);
		subscribe(demo, teamOf(demo, "Acme Demo"), analyticsTeam);
		subscribe(demo, teamOf(demo, "Northwind Labs"), crmYearly);
	}

	private UUID productId(String code) {
		return this.products.products().stream().filter((product) -> product.code().equals(code)).findFirst().orElseThrow().id();
	}

	private Plan plan(User admin, UUID productId, String code, String name, String price, String interval, String seats,
			String extraSeatPrice, String trialDays) {
		return this.plans.create(admin.id(), admin.email(),
				new PlanForm(productId.toString(), code, name, "EUR", price, interval, seats, extraSeatPrice, trialDays));
	}

	private void subscribe(User demo, UUID teamId, Plan plan) {
		int members = Math.toIntExact(this.memberships.members(teamId, "", 1).total());
		this.billing.subscribe(demo.id(), demo.email(), teamId, plan.id().toString(),
				Integer.toString(Math.max(plan.includedSeats(), members)));
	}

	private Product product(PlatformAdmin admin, String code, String name, String description, String dashboard,
			String... resourceTypes) {
		Product product = this.products.create(admin,
				new ProductForm(code, name, description, code + "/provision.sql", dashboard));
		for (String type : resourceTypes) {
			product = this.products.addResourceType(admin, product.id(), type, product.version());
		}
		return product;
	}

	private Map<String, UUID> privileges(PlatformAdmin admin, Product product, String... codesAndDescriptions) {
		Map<String, UUID> ids = new LinkedHashMap<>();
		for (int i = 0; i + 1 < codesAndDescriptions.length; i += 2) {
			ProductPrivilege privilege = this.products.addPrivilege(admin, product.id(), codesAndDescriptions[i],
					codesAndDescriptions[i + 1]);
			ids.put(privilege.code(), privilege.id());
		}
		return ids;
	}

	private void template(PlatformAdmin admin, Product product, String name, String description, boolean system,
			boolean visible, Map<String, UUID> privileges, String... codes) {
		this.templates.create(admin, product.id(), new TemplateForm(name, description, 100, system, visible, false, false,
				Arrays.stream(codes).map(privileges::get).toList()));
	}

	private UUID teamOf(User member, String name) {
		return this.teams.teamsOf(member.id())
			.stream()
			.filter((team) -> team.name().equals(name))
			.findFirst()
			.orElseThrow()
			.id();
	}

	/** A grant narrowed to a resource, or team-wide; written directly until the role assignments of the RBAC work land here. */
	private void grant(UUID teamId, User member, String role, UUID resourceId, User grantedBy) {
		this.jdbc.update("""
				insert into aventian.tbl_user_roles (team_id, user_id, role_id, resource_id, granted_by)
				select ?, ?, r.id, ?, ? from aventian.tbl_roles r where r.team_id = ? and r.name = ?""", teamId, member.id(),
				resourceId, grantedBy.id(), teamId, role);
	}

	/** Adds each named person (made if new) to the team with the role named after them. */
	private void populate(UUID teamId, User owner, String... namesAndRoles) {
		for (int i = 0; i + 1 < namesAndRoles.length; i += 2) {
			this.memberships.addMemberWithRole(teamId, person(namesAndRoles[i]).id(), roleOf(teamId, namesAndRoles[i + 1]), owner.id());
		}
	}

	/** A demo person, e-mail from the name; nobody signs in as them, so their password is random and never shown. */
	private User person(String name) {
		String email = name.toLowerCase(Locale.ROOT).replace(' ', '.') + DEMO_DOMAIN;
		return this.accounts.findUserByEmail(email)
			.orElseGet(() -> this.accounts.createVerifiedUser(email, name, randomPassword()));
	}

	private void invite(UUID teamId, Inviter inviter, String role, String... emails) {
		this.invitations.invite(teamId, inviter, String.join("\n", emails), roleOf(teamId, role));
	}

	/** Dates an invitation back so it expired: the invitations page then shows it, and its history, as expired. */
	private void expire(UUID teamId, String email, int daysAgo) {
		this.jdbc.update("""
				update aventian.tbl_invitations
				set created_at = now() - make_interval(days => ?), expires_at = now() - make_interval(days => ? - 7)
				where team_id = ? and email = ?""", daysAgo, daysAgo, teamId, email);
		this.jdbc.update("""
				update aventian.tbl_invitation_events set occurred_at = now() - make_interval(days => ?)
				where invitation_id = (select id from aventian.tbl_invitations where team_id = ? and email = ?)""", daysAgo,
				teamId, email);
	}

	private UUID invitationOf(UUID teamId, String email) {
		return this.jdbc.queryForObject("select id from aventian.tbl_invitations where team_id = ? and email = ?",
				UUID.class, teamId, email);
	}

	private UUID roleOf(UUID teamId, String name) {
		return this.memberships.roles(teamId)
			.stream()
			.filter((role) -> role.name().equals(name))
			.findFirst()
			.map(TeamRole::id)
			.orElseThrow();
	}

	private static Properties loadPasswords(Path file) throws IOException {
		Properties passwords = new Properties();
		if (Files.exists(file)) {
			try (Reader reader = Files.newBufferedReader(file)) {
				passwords.load(reader);
			}
		}
		boolean changed = false;
		for (String email : new String[] { DEMO_USER, DEMO_ADMIN }) {
			if (passwords.getProperty(email) == null) {
				passwords.setProperty(email, randomPassword());
				changed = true;
			}
		}
		if (changed) {
			Files.createDirectories(file.getParent());
			try (Writer writer = Files.newBufferedWriter(file)) {
				passwords.store(writer, "Passwords of the local-mode demo accounts");
			}
		}
		return passwords;
	}

	private static String randomPassword() {
		byte[] bytes = new byte[15];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
