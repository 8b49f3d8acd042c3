package com.aventian.portal.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import com.aventian.portal.PortalTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks on the skip before Spring's conditions ({@link FirstSegmentHandlerMapping}): every route's own path
 * spelt as an attacker would spell it to reach another handler or slip past the filter chain's URL rules (a
 * trailing slash, matrix variables on the last segment, a doubled slash inside, another case, a letter
 * percent-encoded, a dot segment), under every method and a CORS pre-flight, must be matched or refused by every
 * route exactly as Spring's own conditions do: no route reachable that was not, none lost that was.
 */
@PortalTest
class FirstSegmentHandlerMappingAttackTests {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mapping;

	@Test
	void everyRoutesPathSpeltOtherwiseIsMatchedByEveryRouteExactlyAsSpringMatchesIt() {
		// given every route of the portal, and each route's path spelt in the ways that bypass naive matching
		FirstSegmentHandlerMapping ours = (FirstSegmentHandlerMapping) this.mapping;
		Set<RequestMappingInfo> routes = ours.getHandlerMethods().keySet();
		Set<String> paths = new LinkedHashSet<>();
		for (RequestMappingInfo route : routes) {
			for (PathPattern pattern : route.getPathPatternsCondition().getPatterns()) {
				String path = samplePath(pattern.getPatternString());
				if (path.isEmpty()) {
					continue;
				}
				paths.add(path + "/");
				paths.add(path + ";a=b");
				paths.add(path + ";jsessionid=x/");
				paths.add(path.replaceFirst("^(/[^/]*)/", "$1//"));
				paths.add(path.toUpperCase(Locale.ROOT));
				paths.add(path.replaceFirst("e", "%65"));
				paths.add(path.replaceFirst("/", "/./"));
				paths.add("/x/.." + path);
				paths.add(path.replaceFirst("/", "/%2F"));
			}
		}

		// when each is tried against every route, under each method
		List<String> disagreements = new ArrayList<>();
		for (String path : paths) {
			for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS preflight")) {
				for (RequestMappingInfo route : routes) {
					boolean spring = route.getMatchingCondition(request(method, path)) != null;
					boolean skip = ours.getMatchingMapping(route, request(method, path)) == null;
					if (spring == skip) {
						disagreements.add(method + " " + path + " against " + route);
					}
				}
			}
		}

		// then the skip never decides otherwise than Spring
		assertThat(paths).hasSizeGreaterThan(100);
		assertThat(disagreements).isEmpty();
	}

	private static String samplePath(String pattern) {
		return pattern.replaceAll("\\{\\*[^}]*}", "a/b").replaceAll("\\{[^}]*}", UUID.randomUUID().toString())
			.replace("/**", "/a/b").replace("*", "a");
	}

	private static MockHttpServletRequest request(String method, String path) {
		MockHttpServletRequest request = new MockHttpServletRequest(method.split(" ")[0], path);
		if (method.endsWith("preflight")) {
			request.addHeader("Origin", "https://elsewhere.example");
			request.addHeader("Access-Control-Request-Method", "POST");
		}
		ServletRequestPathUtils.parseAndCache(request);
		return request;
	}

}
