package com.aventian.portal.team;

import java.lang.reflect.Method;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
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
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every team-scoped route, taken from the application's own request mappings (a new route joins by
 * itself), is tried by people who may not use it: they get 404 and none of the team's data, or 403.
 */
@PortalTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TeamIsolationTests {

	static final Set<String> VIEWER_PRIVILEGES = Set.of("team.read");

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

	@Autowired
	InvitationService invitations;

	@Autowired
	JdbcTemplate jdbc;

	PortalHttp viewer;

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
		this.alice = this.users.signedIn(this.port, this.aliceOfA);
		this.viewer = this.users.signedIn(this.port, this.viewerOfB);
	}

	/** Each team-scoped handler, once as a page request and once more as htmx when it has an htmx variant. */
	List<TeamRoute> teamRoutes() {
		List<TeamRoute> routes = new ArrayList<>();
		this.mappings.getHandlerMethods().forEach((info, handler) -> {
			for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
				if (pattern.startsWith("/teams/{teamId}")) {
					routes.add(new TeamRoute(methodOf(info), pattern, handler.getMethod(),
							handler.hasMethodAnnotation(HxRequest.class)));
				}
			}
		});
		return routes;
	}

	Stream<TeamRoute> routes() {
		return teamRoutes().stream();
	}

	/** Routes naming something of a team besides the team: a member, an invitation. */
	Stream<TeamRoute> routesNamingATeamsObject() {
		return routes().filter((route) -> route.pattern().contains("{userId}") || route.pattern().contains("{invitationId}"));
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
		assertThat(callRaw(alice, route, route.path("not-a-uuid", this.bobOfB.id().toString(), this.invitationOfB.toString())).statusCode())
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
		return callRaw(http, route, route.path(teamId.toString(), userId.toString(), this.invitationOfB.toString()));
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

		String path(String teamId, String userId, String invitationId) {
			String path = this.pattern.replace("{teamId}", teamId).replace("{userId}", userId)
				.replace("{invitationId}", invitationId);
			if (path.contains("{")) {
				throw new IllegalStateException("Teach this test the path variables of " + this.pattern);
			}
			return path;
		}

		@Override
		public String toString() {
			return this.method + " " + this.pattern + (this.htmx ? " (htmx)" : "");
		}

	}

}
