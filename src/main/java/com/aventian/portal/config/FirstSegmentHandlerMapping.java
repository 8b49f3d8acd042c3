package com.aventian.portal.config;

import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxHandlerInterceptor;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxMvcAutoConfiguration;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequestMappingHandlerMapping;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.server.PathContainer;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.ExceptionHandlerExceptionResolver;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's mapping of controllers, with cheap first tests. A path with a variable ({@code /teams/{teamId}},
 * every team page) has no direct hit, so Spring tries every mapping of the portal against the request, each
 * through all its conditions (method, parameters, headers, media types with the {@code Accept} header parsed and
 * matched, then the path patterns): 7-8% of a team page's CPU (issue 10). Two tests come first here. A mapping whose
 * every pattern starts with a literal segment ({@code /teams/...}, {@code /admin/...}) cannot match a path whose
 * first segment is another: it is skipped on one string comparison, the same one Spring's {@code LiteralPathElement}
 * would make (the segment as matched: decoded, without matrix variables; case-sensitive as Spring's parser is by
 * default). A mapping that passes, or has no literal first segment, is skipped when none of its path patterns
 * matches the request's path: the very test Spring's {@code PathPatternsRequestCondition} makes, only made before
 * the method and media type conditions instead of after them, so the dozens of {@code /teams/...} routes a team page
 * is tried against cost a pattern match each instead of every condition. A mapping that passes both is matched by
 * Spring in full, as before: every match, and every refusal, is Spring's own. The htmx library's interceptor, which
 * the library registers for every handler, runs with its annotation lookups made once per method
 * ({@link HtmxAnnotationsLookedUpOnce}).
 */
class FirstSegmentHandlerMapping extends HtmxRequestMappingHandlerMapping {

	/**
	 * Boot's MVC configuration takes the controllers' mapping from here. The htmx library registers its own
	 * ({@code @HxRequest} conditions, which this mapping inherits) and its handler adapter; Boot uses only a unique
	 * or primary registration, so this one is primary and hands on the library's adapter and exception resolver.
	 */
	@Configuration(proxyBeanMethods = false)
	static class Registration {

		@Bean
		@Primary
		WebMvcRegistrations firstSegmentHandlerMapping(HtmxMvcAutoConfiguration htmx,
				@Value("${management.endpoints.web.base-path:/actuator}") String actuatorBasePath) {
			return new WebMvcRegistrations() {
				@Override
				public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
					return new FirstSegmentHandlerMapping(actuatorBasePath);
				}

				@Override
				public RequestMappingHandlerAdapter getRequestMappingHandlerAdapter() {
					return htmx.getRequestMappingHandlerAdapter();
				}

				@Override
				public ExceptionHandlerExceptionResolver getExceptionHandlerExceptionResolver() {
					return htmx.getExceptionHandlerExceptionResolver();
				}
			};
		}

	}

	/** One place ahead of the actuator's endpoint mappings ({@code WebMvcEndpointHandlerMapping} orders itself -100). */
	static final int ORDER = -101;

	/** The first segment of the actuator's base path: requests under it are left to the actuator's mappings. */
	private final String actuatorSegment;

	/** Per mapping, what is tested before Spring's conditions; no entry: try it in full. */
	private final Map<RequestMappingInfo, Prefilter> prefilters = new ConcurrentHashMap<>();

	/** The path of the request being looked up and its first segment, worked out once for all the mappings tried. */
	private final ThreadLocal<LookedUp> lookedUp = new ThreadLocal<>();

	FirstSegmentHandlerMapping(String actuatorBasePath) {
		this.actuatorSegment = firstSegmentOf(actuatorBasePath);
	}

	/**
	 * Ahead of the actuator's mappings, whatever order Boot's configuration sets. The actuator's mapping came first and
	 * tried every page's path against each of its endpoints through all their conditions, its media types (the
	 * {@code Accept} header parsed and matched) before their paths: 5% of team home's CPU (issue 10), for endpoints
	 * that all live under the actuator's base path. The portal maps nothing there (a test checks every route), so
	 * this mapping answers no request under it and leaves those to the actuator's; any other request finds its route
	 * here, or none, as before.
	 */
	@Override
	public int getOrder() {
		return (this.actuatorSegment != null) ? ORDER : super.getOrder();
	}

	@Override
	protected HandlerMethod getHandlerInternal(HttpServletRequest request) throws Exception {
		LookedUp path = lookedUp(request);
		if (path != null && path.firstSegment().equals(this.actuatorSegment)) {
			return null;
		}
		this.lookedUp.set(path);
		try {
			return super.getHandlerInternal(request);
		}
		finally {
			this.lookedUp.remove();
		}
	}

	@Override
	protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
		super.registerHandlerMethod(handler, method, mapping);
		PathPatternsRequestCondition condition = mapping.getPathPatternsCondition();
		if (condition != null && !condition.getPatterns().isEmpty()) {
			this.prefilters.put(mapping,
					new Prefilter(literalFirstSegments(mapping), List.copyOf(condition.getPatterns())));
		}
	}

	@Override
	protected HandlerInterceptor adaptInterceptor(Object interceptor) {
		if (interceptor instanceof HtmxHandlerInterceptor library) {
			return new HtmxAnnotationsLookedUpOnce(library);
		}
		return super.adaptInterceptor(interceptor);
	}

	@Override
	public void unregisterMapping(RequestMappingInfo mapping) {
		super.unregisterMapping(mapping);
		this.prefilters.remove(mapping);
	}

	@Override
	protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
		Prefilter prefilter = this.prefilters.get(info);
		if (prefilter != null) {
			LookedUp path = this.lookedUp.get();
			if (path == null) {
				path = lookedUp(request);
			}
			if (path != null && !prefilter.mayMatch(path)) {
				return null;
			}
		}
		return super.getMatchingMapping(info, request);
	}

	/**
	 * A mapping's tests before Spring's conditions: the literal first segments of its patterns (null: any first
	 * segment), and the patterns themselves.
	 */
	private record Prefilter(Set<String> firstSegments, List<PathPattern> patterns) {

		boolean mayMatch(LookedUp request) {
			if (this.firstSegments != null && !this.firstSegments.contains(request.firstSegment())) {
				return false;
			}
			for (PathPattern pattern : this.patterns) {
				if (pattern.matches(request.path())) {
					return true;
				}
			}
			return false;
		}

	}

	/** The request's path as Spring's path patterns match it (within the application), and its first segment. */
	private record LookedUp(PathContainer path, String firstSegment) {
	}

	/** Null when a pattern could match any first segment (or the mapping has no parsed patterns). */
	static Set<String> literalFirstSegments(RequestMappingInfo mapping) {
		PathPatternsRequestCondition condition = mapping.getPathPatternsCondition();
		if (condition == null || condition.getPatterns().isEmpty()) {
			return null;
		}
		Set<String> segments = new HashSet<>();
		for (PathPattern pattern : condition.getPatterns()) {
			String segment = firstSegmentOf(pattern.getPatternString());
			if (segment == null) {
				return null;
			}
			segments.add(segment);
		}
		return Set.copyOf(segments);
	}

	/** {@code /teams/{id}} → {@code teams}; null for {@code /}, {@code /**}, {@code /{x}}, {@code /a*}, a pattern without a leading slash. */
	private static String firstSegmentOf(String pattern) {
		if (!pattern.startsWith("/")) {
			return null;
		}
		int end = pattern.indexOf('/', 1);
		String segment = (end < 0) ? pattern.substring(1) : pattern.substring(1, end);
		if (segment.isEmpty() || segment.chars().anyMatch((c) -> c == '{' || c == '*' || c == '?' || c == ';' || c == '%')) {
			return null;
		}
		return segment;
	}

	/** The request's path and first segment ("" when it has none) as patterns are matched against them; null when unknown. */
	private static LookedUp lookedUp(HttpServletRequest request) {
		if (!ServletRequestPathUtils.hasParsedRequestPath(request)) {
			return null;
		}
		PathContainer path = ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication();
		List<PathContainer.Element> elements = path.elements();
		String first = "";
		if (elements.size() > 1 && elements.get(1) instanceof PathContainer.PathSegment segment) {
			first = segment.valueToMatch();
		}
		return new LookedUp(path, first);
	}

}
