package com.aventian.portal.config;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The controllers' mapping skips a route whose first path segment differs from the request's (issue 10), and
 * must never decide otherwise than Spring's own matching: every route against a request drawn from every route's
 * patterns, and a few paths Spring decodes or strips before matching.
 */
@PortalTest
class FirstSegmentHandlerMappingTests {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mapping;

	@Autowired
	@Qualifier("webEndpointServletHandlerMapping")
	HandlerMapping actuatorMapping;

	@Autowired
	DispatcherServlet dispatcher;

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Test
	void theSkipAgreesWithSpringsOwnMatchingForEveryRouteAndRequest() {
		FirstSegmentHandlerMapping ours = (FirstSegmentHandlerMapping) this.mapping;
		Set<RequestMappingInfo> routes = ours.getHandlerMethods().keySet();
		Set<String> paths = new LinkedHashSet<>(List.of("/", "", "/%74eams/" + UUID.randomUUID(),
				"/teams;v=1/" + UUID.randomUUID(), "/TEAMS/" + UUID.randomUUID(), "/nowhere/at/all",
				// what an attacker tries to reach a team route by another spelling (review14): doubled and leading
				// empty segments, an encoded slash, dot segments, a first segment that is only matrix variables
				"//teams/" + UUID.randomUUID(), "/teams//" + UUID.randomUUID(), "/teams%2F" + UUID.randomUUID(),
				"/%2Fteams/" + UUID.randomUUID(), "/./teams/" + UUID.randomUUID(), "/x/../teams/" + UUID.randomUUID(),
				"/;a=b/teams/" + UUID.randomUUID(), "/teams/", "/teams", "/%74eams", "/teams;"));
		for (RequestMappingInfo route : routes) {
			for (PathPattern pattern : route.getPathPatternsCondition().getPatterns()) {
				paths.add(samplePath(pattern.getPatternString()));
			}
		}
		List<String> disagreements = new ArrayList<>();
		int skipped = 0;
		for (String path : paths) {
			for (String method : List.of("GET", "POST", "GET htmx")) {
				for (RequestMappingInfo route : routes) {
					boolean spring = route.getMatchingCondition(request(method, path)) != null;
					boolean skip = ours.getMatchingMapping(route, request(method, path)) == null;
					if (spring == skip) {
						disagreements.add(method + " " + path + " against " + route);
					}
					if (skip && !spring) {
						skipped++;
					}
				}
			}
		}

		assertThat(disagreements).isEmpty();
		assertThat(skipped).as("requests the skip turned away").isPositive();
		assertThat(routes.stream().filter((route) -> FirstSegmentHandlerMapping.literalFirstSegments(route) == null))
			.as("routes tried in full: none starts with a variable")
			.allMatch((route) -> route.getPathPatternsCondition().getPatterns().stream()
				.anyMatch((pattern) -> pattern.getPatternString().equals("/") || pattern.getPatternString().startsWith("/**")
						|| pattern.getPatternString().startsWith("/{") || pattern.getPatternString().isEmpty()));
	}

	@Test
	void aTeamPagesPathReachesSpringsConditionsOnlyOnTheRoutesWhosePatternsMatchIt() {
		// given every route of the portal and the path of a team's home and of its members page
		FirstSegmentHandlerMapping ours = (FirstSegmentHandlerMapping) this.mapping;
		Set<RequestMappingInfo> routes = ours.getHandlerMethods().keySet();
		for (String path : List.of("/teams/" + UUID.randomUUID(), "/teams/" + UUID.randomUUID() + "/members")) {
			int patternsMatching = 0;
			int conditionsTried = 0;
			for (RequestMappingInfo route : routes) {
				if (route.getPathPatternsCondition().getMatchingCondition(request("GET", path)) != null) {
					patternsMatching++;
				}
				// when each route is tried: Spring's conditions begin with the method's (CORS pre-flight included)
				MethodCountingRequest request = new MethodCountingRequest(path);
				ours.getMatchingMapping(route, request);
				if (request.methodReads > 0) {
					conditionsTried++;
				}
			}

			// then only the routes the path matches went through them, out of dozens under /teams
			assertThat(conditionsTried).as(path).isEqualTo(patternsMatching).isPositive();
			assertThat(routes.stream()
				.filter((route) -> FirstSegmentHandlerMapping.literalFirstSegments(route) != null
						&& FirstSegmentHandlerMapping.literalFirstSegments(route).contains("teams"))
				.count()).as("routes under /teams").isGreaterThan(10L * patternsMatching);
		}
	}

	@Test
	void aTeamPageAnAccountPageAndAnUnknownPathAnswerAsBefore() {
		User owner = this.users.create("Sven Segment");
		UUID team = this.users.team("Segment " + UUID.randomUUID(), owner);
		PortalHttp http = this.users.signedIn(this.port, owner);

		assertThat(http.get("/teams/" + team).statusCode()).isEqualTo(200);
		assertThat(http.get("/teams/" + team + "/members").statusCode()).isEqualTo(200);
		assertThat(http.get("/account").statusCode()).isEqualTo(200);
		// the same path, one handler for htmx (@HxRequest, the library's condition) and one for a whole page
		String grants = "/teams/" + team + "/members/" + owner.id() + "/grants";
		assertThat(http.get(grants, "HX-Request", "true").body()).doesNotContain("<html");
		assertThat(http.get(grants).body()).contains("<html");
		assertThat(http.get("/teams/" + team + "/nothing-here").statusCode()).isEqualTo(404);
		assertThat(http.get("/nothing-here/" + team).statusCode()).isEqualTo(404);
	}

	@Test
	void aPagesPathIsLookedUpAheadOfTheActuatorsEndpointsWhichStillAnswerUnderTheirBasePath() {
		// given the dispatcher's handler mappings in the order it asks them (known once it served a request)
		HttpResponse<String> liveness = new PortalHttp(this.port).get("/actuator/health/liveness");
		List<HandlerMapping> mappings = this.dispatcher.getHandlerMappings();
		int ours = mappings.indexOf(this.mapping);
		int actuator = mappings.indexOf(this.actuatorMapping);

		// then the portal's routes come first, and a path under the actuator's base path is left to the actuator
		assertThat(ours).isNotNegative().isLessThan(actuator);
		assertThat(handlerOf(this.mapping, "/actuator/health/liveness")).isNull();
		assertThat(handlerOf(this.mapping, "/actuator")).isNull();
		assertThat(handlerOf(this.actuatorMapping, "/actuator/health/liveness")).isNotNull();
		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(liveness.body()).contains("UP");
		assertThat(handlerOf(this.mapping, "/teams/" + UUID.randomUUID())).isNotNull();
	}

	@Test
	void noRouteOfThePortalLiesUnderTheActuatorsBasePath() {
		// the mapping ahead of the actuator's answers nothing there: a route of ours under it would go unanswered
		FirstSegmentHandlerMapping ours = (FirstSegmentHandlerMapping) this.mapping;
		for (RequestMappingInfo route : ours.getHandlerMethods().keySet()) {
			Set<String> first = FirstSegmentHandlerMapping.literalFirstSegments(route);
			if (first != null) {
				assertThat(first).as(route.toString()).doesNotContain("actuator");
			}
			else {
				assertThat(route.getPathPatternsCondition().getPatternValues()).as(route.toString()).containsOnly("/");
			}
		}
	}

	@Test
	void aStrangerReachesNoTeamRouteBySpellingTheTeamsSegmentAnotherWay() {
		User owner = this.users.create("Olga Owner");
		UUID team = this.users.team("Spelled " + UUID.randomUUID(), owner);
		PortalHttp stranger = this.users.signedIn(this.port, this.users.create("Sid Stranger"));
		int plain = stranger.get("/teams/" + team + "/members").statusCode();

		for (String spelling : List.of("/%74eams/", "/teams;x=1/", "/%74eams;x=1/", "//teams/", "/./teams/")) {
			int status = stranger.get(spelling + team + "/members").statusCode();
			assertThat(status).as(spelling).isNotEqualTo(200).isIn(plain, 400, 404);
		}
	}

	/** A GET whose method Spring's conditions read: counted, to see which routes reached them. */
	private static final class MethodCountingRequest extends MockHttpServletRequest {

		int methodReads;

		MethodCountingRequest(String path) {
			super("GET", path);
			ServletRequestPathUtils.parseAndCache(this);
			this.methodReads = 0;
		}

		@Override
		public String getMethod() {
			this.methodReads++;
			return super.getMethod();
		}

	}

	/** A concrete path a pattern matches: variables and wildcards filled in. */
	private static String samplePath(String pattern) {
		return pattern.replaceAll("\\{\\*[^}]*}", "a/b").replaceAll("\\{[^}]*}", UUID.randomUUID().toString())
			.replace("/**", "/a/b").replace("*", "a");
	}

	private static Object handlerOf(HandlerMapping mapping, String path) {
		try {
			return mapping.getHandler(request("GET", path));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static MockHttpServletRequest request(String method, String path) {
		MockHttpServletRequest request = new MockHttpServletRequest(method.split(" ")[0], path);
		if (method.endsWith("htmx")) {
			request.addHeader("HX-Request", "true");
		}
		ServletRequestPathUtils.parseAndCache(request);
		return request;
	}

}
