package com.aventian.portal.team;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.aventian.portal.shared.web.NotTeamScoped;
import com.aventian.portal.shared.web.ProductApiRoute;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * The team gate refuses by default: at start-up, once every request mapping is registered, each
 * handler method of the portal's own controllers (package {@value #OWN_PACKAGE}) must declare
 * {@link TeamPrivilege}, {@link AnyTeamMember} or {@link NotTeamScoped}, or the portal does not start.
 * Team-scoped handlers must live under {@code /teams/{teamId}} (where {@link TeamScopeInterceptor}
 * runs), and a handler marked not team-scoped must not name a team. Routes of the products' API declare
 * {@link ProductApiRoute} instead and live under {@code /api/}.
 * <p>
 * Handlers of other packages are the framework's (Spring Boot's {@code BasicErrorController} at
 * {@code /error}; actuator endpoints have their own handler mapping, outside the gate's paths) or test
 * code outside the production jar (local mode's {@code /dev/mailbox}): they cannot carry our
 * annotations and serve no team route.
 */
@Component
class TeamScopeDeclarations implements SmartInitializingSingleton {

	static final String OWN_PACKAGE = "com.aventian.portal";

	static final String TEAM_PATH = "/teams/{teamId}";

	static final String PRODUCT_API_PATH = "/api/";

	private final ObjectProvider<RequestMappingInfoHandlerMapping> mappings;

	TeamScopeDeclarations(ObjectProvider<RequestMappingInfoHandlerMapping> mappings) {
		this.mappings = mappings;
	}

	@Override
	public void afterSingletonsInstantiated() {
		List<String> problems = new ArrayList<>();
		this.mappings.orderedStream()
			.forEach((mapping) -> mapping.getHandlerMethods().forEach((info, handler) -> problems.addAll(problemsOf(info, handler))));
		if (!problems.isEmpty()) {
			throw new IllegalStateException("The team gate refuses to start: every handler of " + OWN_PACKAGE
					+ " declares @TeamPrivilege, @AnyTeamMember or @NotTeamScoped.\n  " + String.join("\n  ", problems));
		}
	}

	static List<String> problemsOf(RequestMappingInfo info, HandlerMethod handler) {
		if (!isOwn(handler.getBeanType())) {
			return List.of();
		}
		String name = handler.getBeanType().getName() + "#" + handler.getMethod().getName() + " " + info;
		Set<String> patterns = info.getPatternValues();
		if (handler.hasMethodAnnotation(ProductApiRoute.class)
				|| AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ProductApiRoute.class)) {
			// the products' API: API keys only, the team checked against the product's association (api package)
			return patterns.stream().allMatch((pattern) -> pattern.startsWith(PRODUCT_API_PATH)) ? List.of()
					: List.of(name + " is a product API route but not under " + PRODUCT_API_PATH);
		}
		boolean team = handler.hasMethodAnnotation(TeamPrivilege.class) || handler.hasMethodAnnotation(AnyTeamMember.class);
		boolean notTeam = handler.hasMethodAnnotation(NotTeamScoped.class)
				|| AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), NotTeamScoped.class);
		List<String> problems = new ArrayList<>();
		if (team && notTeam) {
			problems.add(name + " declares a team annotation and @NotTeamScoped at once");
		}
		else if (!team && !notTeam) {
			problems.add(name + " declares none of @TeamPrivilege, @AnyTeamMember, @NotTeamScoped");
		}
		else if (team && !patterns.stream().allMatch(TeamScopeDeclarations::isUnderTeamPath)) {
			problems.add(name + " is team-scoped but not under " + TEAM_PATH + ", where the gate checks it");
		}
		else if (notTeam && patterns.stream().anyMatch((pattern) -> pattern.contains("{teamId"))) {
			problems.add(name + " names a team but is marked @NotTeamScoped");
		}
		return problems;
	}

	private static boolean isOwn(Class<?> type) {
		String name = type.getPackageName();
		return name.equals(OWN_PACKAGE) || name.startsWith(OWN_PACKAGE + ".");
	}

	private static boolean isUnderTeamPath(String pattern) {
		return pattern.equals(TEAM_PATH) || pattern.startsWith(TEAM_PATH + "/");
	}

}
