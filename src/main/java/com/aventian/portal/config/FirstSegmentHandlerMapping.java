package com.aventian.portal.config;

import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxMvcAutoConfiguration;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequestMappingHandlerMapping;

import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.server.PathContainer;
import org.springframework.web.method.HandlerMethod;
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
 * Spring in full, as before: every match, and every refusal, is Spring's own.
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
		WebMvcRegistrations firstSegmentHandlerMapping(HtmxMvcAutoConfiguration htmx) {
			return new WebMvcRegistrations() {
				@Override
				public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
					return new FirstSegmentHandlerMapping();
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

	/** Per mapping, what is tested before Spring's conditions; no entry: try it in full. */
	private final Map<RequestMappingInfo, Prefilter> prefilters = new ConcurrentHashMap<>();

	/** The path of the request being looked up and its first segment, worked out once for all the mappings tried. */
	private final ThreadLocal<LookedUp> lookedUp = new ThreadLocal<>();

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
	public void unregisterMapping(RequestMappingInfo mapping) {
		super.unregisterMapping(mapping);
		this.prefilters.remove(mapping);
	}

	@Override
	protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
		this.lookedUp.set(lookedUp(request));
		try {
			return super.lookupHandlerMethod(lookupPath, request);
		}
		finally {
			this.lookedUp.remove();
		}
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
