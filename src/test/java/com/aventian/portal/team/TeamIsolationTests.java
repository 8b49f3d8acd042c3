package com.aventian.portal.team;

import java.lang.reflect.Method;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.billing.BillingSubscriptions;
import com.aventian.portal.invitation.InvitationService;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every team-scoped route, taken from the application's own request mappings (a new route joins by
 * itself), is tried by people who may not use it: they get 404 and none of the team's data, or 403.
 * Every route with any path variable (members, invitations, identities, sessions, not only teams) is
 * tried by a member of another team naming the other team's objects: nothing of them changes or shows.
 */
@PortalTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TeamIsolationTests {

	static final Set<String> VIEWER_PRIVILEGES = Set.of("team.read");

	/** A path variable of a pattern, {@code {name}} or {@code {name:regex}}. */
	static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	UUID teamA;

	UUID teamB;

	String teamBName;

	User aliceOfA;

	User bobOfB;

	User viewerOfB;

	PortalHttp alice;

	UUID invitationOfB;

	/** Bob's role grant in team B. */
	UUID grantOfB;

	@Autowired
	InvitationService invitations;

	@Autowired
	JdbcTemplate jdbc;

	PortalHttp viewer;

	@Autowired
	FindByIndexNameSessionRepository<? extends Session> sessions;

	UUID identityOfBob;

	/** An audit event of team B (its creation). */
	String eventOfB;

	String sessionOfBob;

	String sessionHandleOfBob;

	UUID productOfB;

	UUID resourceOfB;

	UUID templateOfProduct;

	UUID privilegeOfProduct;

	/** Team B's subscription to its product (the row only: no database is provisioned for it). */
	UUID subscriptionOfB;

	@Autowired
	BillingSubscriptions billing;

	/** Team B's subscription with its billing side (a product of its own, a plan, one open invoice). */
	UUID billedAssocOfB;

	UUID invoiceOfB;

	UUID planOfB;

	@BeforeAll
	void twoTeams() {
		this.aliceOfA = this.users.create("Alice Alpha");
		this.teamA = this.users.team("Alpha " + UUID.randomUUID(), this.aliceOfA);
		this.bobOfB = this.users.create("Bob Bravo");
		this.viewerOfB = this.users.create("Vic Viewer");
		this.teamBName = "Bravo " + UUID.randomUUID();
		this.teamB = this.users.team(this.teamBName, this.bobOfB, this.viewerOfB, "Viewer");
		UUID memberRole = this.jdbc.queryForObject("select id from aventian.tbl_roles where team_id = ? and name = 'Member'",
				UUID.class, this.teamB);
		this.invitations.invite(this.teamB, new InvitationService.Inviter(this.bobOfB.id(), this.bobOfB.email(), "Bob"),
				"invited." + UUID.randomUUID() + "@example.com", memberRole);
		this.invitationOfB = this.jdbc.queryForObject("select id from aventian.tbl_invitations where team_id = ?", UUID.class,
				this.teamB);
		this.eventOfB = this.jdbc.queryForObject("select id::text from aventian_audit.tbl_audit_events where team_id = ? "
				+ "and action = 'TEAM_CREATED'", String.class, this.teamB);
		this.grantOfB = this.jdbc.queryForObject("select id from aventian.tbl_user_roles where team_id = ? and user_id = ?",
				UUID.class, this.teamB, this.bobOfB.id());
		this.alice = this.users.signedIn(this.port, this.aliceOfA);
		this.viewer = this.users.signedIn(this.port, this.viewerOfB);
		this.identityOfBob = this.jdbc.queryForObject("""
				insert into aventian.tbl_user_identities (user_id, issuer, subject, email)
				values (?, 'https://issuer.example', ?, ?) returning id""", UUID.class, this.bobOfB.id(),
				UUID.randomUUID().toString(), this.bobOfB.email());
		this.billedAssocOfB = subscribe(this.teamB, this.bobOfB);
		this.invoiceOfB = this.jdbc.queryForObject("select id from aventian.tbl_invoices where team_id = ?", UUID.class,
				this.teamB);
		this.users.signedIn(this.port, this.bobOfB);
		this.sessionOfBob = this.sessions.findByPrincipalName(this.bobOfB.id().toString()).keySet().iterator().next();
		// Bob's second browser lists the first session under its handle, as the page shows it to him
		Matcher handle = Pattern.compile("/account/sessions/([^/\"]+)/end")
			.matcher(this.users.signedIn(this.port, this.bobOfB).get("/account/sessions").body());
		assertThat(handle.find()).as("Bob's sessions page lists his other session").isTrue();
		this.sessionHandleOfBob = handle.group(1);
		String code = "iso" + UUID.randomUUID().toString().substring(0, 8);
		this.productOfB = this.jdbc.queryForObject("""
				insert into aventian.tbl_master_products (code, name, allowed_resource_types) values (?, 'Isolation', '{contact}')
				returning id""", UUID.class, code);
		this.privilegeOfProduct = this.jdbc.queryForObject("""
				insert into aventian.tbl_privileges (code, description, product_id, resource_type) values (?, 'Read', ?, 'contact')
				returning id""", UUID.class, code + ".contact.read", this.productOfB);
		this.templateOfProduct = this.jdbc.queryForObject("""
				insert into aventian.tbl_role_templates (product_id, name) values (?, 'Isolation agent') returning id""", UUID.class,
				this.productOfB);
		this.subscriptionOfB = this.jdbc.queryForObject("insert into aventian.tbl_team_product_assoc (team_id, product_id, "
				+ "status) values (?, ?, 'ACTIVE') returning id", UUID.class, this.teamB, this.productOfB);
		this.resourceOfB = this.jdbc.queryForObject("""
				insert into aventian.tbl_resources (team_id, product_id, resource_type, external_id, display_name)
				values (?, ?, 'contact', 'C-1', 'Contact of B') returning id""", UUID.class, this.teamB, this.productOfB);
	}

	/** The value of each path variable naming something of team B or of Bob; a new variable must be taught here. */
	Map<String, String> objectsOfB() {
		return Map.ofEntries(Map.entry("teamId", this.teamB.toString()), Map.entry("userId", this.bobOfB.id().toString()),
				Map.entry("invitationId", this.invitationOfB.toString()), Map.entry("identityId", this.identityOfBob.toString()),
				Map.entry("sessionId", this.sessionOfBob), Map.entry("handle", this.sessionHandleOfBob),
				Map.entry("registrationId", "aventian-oidc"), Map.entry("resourceId", this.resourceOfB.toString()),
				Map.entry("productId", this.productOfB.toString()), Map.entry("templateId", this.templateOfProduct.toString()),
				Map.entry("privilegeId", this.privilegeOfProduct.toString()), Map.entry("eventId", this.eventOfB),
				Map.entry("keyId", UUID.randomUUID().toString()), Map.entry("grantId", this.grantOfB.toString()),
				Map.entry("subscriptionId", this.subscriptionOfB.toString()),
				Map.entry("assocId", this.billedAssocOfB.toString()), Map.entry("invoiceId", this.invoiceOfB.toString()),
				Map.entry("planId", this.planOfB.toString()));
	}

	/** Team B's objects, with the team and user given (a route is called with B's objects under another team). */
	Map<String, String> objectsOfBWith(String teamId, String userId) {
		Map<String, String> values = new java.util.HashMap<>(objectsOfB());
		values.put("teamId", teamId);
		values.put("userId", userId);
		return values;
	}

	/** A subscription of the team to a product of its own, on a plan without trial: one open invoice. */
	private UUID subscribe(UUID teamId, User manager) {
		UUID product = this.jdbc.queryForObject("insert into aventian.tbl_master_products (code, name) values (?, 'Isolated') "
				+ "returning id", UUID.class, "iso-" + UUID.randomUUID().toString().substring(0, 8));
		this.planOfB = this.jdbc.queryForObject("""
				insert into aventian.tbl_plans (product_id, code, version, name, currency, price_minor, billing_interval,
				    included_seats, extra_seat_price_minor, trial_days)
				values (?, 'iso', 1, 'Iso', 'EUR', 1000, 'MONTH', 5, 0, 0) returning id""", UUID.class, product);
		return this.billing.subscribe(manager.id(), manager.email(), teamId, this.planOfB.toString(), "5");
	}

	/** What of team B and of Bob a request could change or reveal, as one comparable text. */
	String stateOfB() {
		String rows = this.jdbc.queryForObject("""
				select string_agg(row, '|' order by row) from (
				  select 'team:' || name || ':' || version || ':' || coalesce(deleted_at::text, '') as row
				    from aventian.tbl_teams where id = ?
				  union all select 'member:' || user_id || ':' || version from aventian.tbl_memberships where team_id = ?
				  union all select 'role:' || user_id || ':' || role_id from aventian.tbl_user_roles where team_id = ?
				  union all select 'invitation:' || id || ':' || status || ':' || encode(token_hash, 'hex')
				    from aventian.tbl_invitations where team_id = ?
				  union all select 'subscription:' || product_id || ':' || status from aventian.tbl_team_product_assoc
				    where team_id = ?
				  union all select 'identity:' || id from aventian.tbl_user_identities where user_id = ?
				  union all select 'resource:' || id || ':' || display_name from aventian.tbl_resources where team_id = ?
				  union all select 'user:' || email || ':' || display_name || ':' || coalesce(password_hash, '') || ':' || status
				    from aventian.tbl_users where id = ?
				  union all select 'billing:' || assoc_id || ':' || status || ':' || version || ':' || plan_id || ':' || seats
				    from aventian.tbl_subscription_billing where team_id = ?
				  union all select 'invoice:' || id || ':' || status from aventian.tbl_invoices where team_id = ?
				  union all select 'billing-details:' || coalesce(billing_email, '') || ':' || address || ':' || time_zone
				    from aventian.tbl_team_billing where team_id = ?) state""", String.class, this.teamB, this.teamB, this.teamB,
				this.teamB, this.teamB, this.bobOfB.id(), this.teamB, this.bobOfB.id(), this.teamB, this.teamB, this.teamB);
		return rows + "|sessions:" + new TreeSet<>(this.sessions.findByPrincipalName(this.bobOfB.id().toString()).keySet());
	}

	/** Each handler of the portal, once as a page request and once more as htmx when it has an htmx variant. */
	List<TeamRoute> allRoutes() {
		List<TeamRoute> routes = new ArrayList<>();
		this.mappings.getHandlerMethods().forEach((info, handler) -> {
			if (!handler.getBeanType().getPackageName().startsWith("com.aventian.portal")) {
				return;
			}
			for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
				routes.add(new TeamRoute(methodOf(info), pattern, handler.getMethod(), handler.hasMethodAnnotation(HxRequest.class)));
			}
		});
		return routes;
	}

	List<TeamRoute> teamRoutes() {
		return allRoutes().stream().filter((route) -> route.pattern().startsWith("/teams/{teamId}")).toList();
	}

	/** Every route naming anything in its path: teams, members, invitations, identities, sessions. */
	Stream<TeamRoute> routesWithPathVariables() {
		return allRoutes().stream().filter((route) -> route.pattern().contains("{"));
	}

	Stream<TeamRoute> routes() {
		return teamRoutes().stream();
	}

	/** Routes naming something of a team besides the team: a member, an invitation, whatever comes next. */
	Stream<TeamRoute> routesNamingATeamsObject() {
		return routes().filter((route) -> route.pattern().replace("{teamId}", "").contains("{"));
	}

	/** Routes needing a privilege that the Viewer role lacks: every change, and the pages to make them. */
	Stream<TeamRoute> routesBeyondAViewer() {
		return routes().filter((route) -> route.handler().isAnnotationPresent(TeamPrivilege.class)
				&& !VIEWER_PRIVILEGES.contains(route.handler().getAnnotation(TeamPrivilege.class).value()));
	}

	@Test
	void theRoutesAreFoundAndEachDeclaresWhoMayUseIt() {
		List<TeamRoute> routes = teamRoutes();

		assertThat(routes).hasSizeGreaterThanOrEqualTo(18);
		assertThat(routes).allSatisfy((route) -> assertThat(route.handler().isAnnotationPresent(TeamPrivilege.class)
				|| route.handler().isAnnotationPresent(AnyTeamMember.class)).as(route.toString()).isTrue());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("routes")
	void aMemberOfAnotherTeamGets404AndNoneOfTheTeamsData(TeamRoute route) {
		PortalHttp alice = this.alice;

		HttpResponse<String> response = call(alice, route, this.teamB, this.bobOfB.id());

		assertThat(response.statusCode()).as(route.toString()).isEqualTo(404);
		assertThat(response.body()).doesNotContain(this.teamBName).doesNotContain(this.bobOfB.email());
	}

	@Test
	void theRoutesWithPathVariablesReachBeyondTeamsToMembersInvitationsIdentitiesAndSessions() {
		assertThat(routesWithPathVariables().map(TeamRoute::pattern))
			.anyMatch((pattern) -> pattern.contains("{userId}"))
			.anyMatch((pattern) -> pattern.contains("{invitationId}"))
			.anyMatch((pattern) -> pattern.contains("{identityId}"))
			.anyMatch((pattern) -> pattern.contains("{handle}"))
			.anyMatch((pattern) -> !pattern.startsWith("/teams/"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("routesWithPathVariables")
	void aMemberOfAnotherTeamNamingThatTeamsObjectsChangesAndSeesNothingOfThem(TeamRoute route) {
		PortalHttp alice = this.alice;
		String before = stateOfB();

		HttpResponse<String> response = callRaw(alice, route, route.path(objectsOfB()));

		assertThat(response.statusCode()).as(route.toString()).isLessThan(500);
		if (route.pattern().startsWith("/teams/{teamId}")) {
			assertThat(response.statusCode()).as(route.toString()).isEqualTo(404);
		}
		assertThat(response.body()).as(route.toString())
			.doesNotContain(this.teamBName)
			.doesNotContain(this.bobOfB.email())
			.doesNotContain(this.sessionOfBob);
		assertThat(stateOfB()).as(route.toString()).isEqualTo(before);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("routesNamingATeamsObject")
	void namingAnotherTeamsMemberOrInvitationInOnesOwnTeamGets404Too(TeamRoute route) {
		PortalHttp alice = this.alice;

		HttpResponse<String> response = call(alice, route, this.teamA, this.bobOfB.id());

		assertThat(response.statusCode()).as(route.toString()).isEqualTo(404);
		assertThat(response.body()).doesNotContain(this.bobOfB.email());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("routes")
	void aTeamIdThatIsNotAUuidOrNotATeamIs404(TeamRoute route) {
		PortalHttp alice = this.alice;

		assertThat(call(alice, route, UUID.randomUUID(), this.bobOfB.id()).statusCode()).isEqualTo(404);
		assertThat(callRaw(alice, route, route.path(objectsOfBWith("not-a-uuid", this.bobOfB.id().toString()))).statusCode())
			.isEqualTo(404);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("routesBeyondAViewer")
	void aViewerGets403OnEveryChangeAndEveryPageBeyondTheirPrivileges(TeamRoute route) {
		PortalHttp viewer = this.viewer;

		HttpResponse<String> response = call(viewer, route, this.teamB, this.bobOfB.id());

		assertThat(response.statusCode()).as(route.toString()).isEqualTo(403);
	}

	@Test
	void everyChangeOfATeamNeedsAPrivilegeTheViewerLacksExceptLeavingAndSwitching() {
		assertThat(routesBeyondAViewer()).extracting(TeamRoute::method).contains(RequestMethod.POST);
		assertThat(teamRoutes()).filteredOn((route) -> route.method() == RequestMethod.POST)
			.filteredOn((route) -> route.handler().isAnnotationPresent(TeamPrivilege.class))
			.allSatisfy((route) -> assertThat(routesBeyondAViewer()).contains(route));
	}

	@Test
	void onlyLeavingAndSwitchingAreOpenToEveryMember() {
		assertThat(teamRoutes()).filteredOn((route) -> route.method() == RequestMethod.POST)
			.filteredOn((route) -> route.handler().isAnnotationPresent(AnyTeamMember.class))
			.extracting(TeamRoute::pattern)
			.containsOnly("/teams/{teamId}/leave", "/teams/{teamId}/switch");
	}

	private HttpResponse<String> call(PortalHttp http, TeamRoute route, UUID teamId, UUID userId) {
		return callRaw(http, route, route.path(objectsOfBWith(teamId.toString(), userId.toString())));
	}

	private HttpResponse<String> callRaw(PortalHttp http, TeamRoute route, String path) {
		String[] htmx = route.htmx() ? new String[] { "HX-Request", "true" } : new String[0];
		if (route.method() == RequestMethod.GET) {
			return http.get(path, htmx);
		}
		// a plausible form, so nothing but the team check can refuse it
		return http.submitWithHeaders("/teams/new", path,
				Map.of("name", "Renamed", "version", "0", "roleId", UUID.randomUUID().toString(), "confirmName", "x"),
				htmx);
	}

	private static RequestMethod methodOf(RequestMappingInfo info) {
		Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
		return methods.isEmpty() ? RequestMethod.GET : methods.iterator().next();
	}

	record TeamRoute(RequestMethod method, String pattern, Method handler, boolean htmx) {

		/** The path with each variable replaced by its value; a variable without one fails the test. */
		String path(Map<String, String> values) {
			Matcher variables = VARIABLE.matcher(this.pattern);
			StringBuilder path = new StringBuilder();
			while (variables.find()) {
				String value = values.get(variables.group(1));
				if (value == null) {
					throw new IllegalStateException("Teach this test the path variable {" + variables.group(1) + "} of "
							+ this.pattern);
				}
				variables.appendReplacement(path, Matcher.quoteReplacement(value));
			}
			return variables.appendTail(path).toString();
		}

		@Override
		public String toString() {
			return this.method + " " + this.pattern + (this.htmx ? " (htmx)" : "");
		}

	}

}
