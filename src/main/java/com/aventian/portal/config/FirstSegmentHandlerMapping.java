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
import org.springframework.http.server.RequestPath;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.ExceptionHandlerExceptionResolver;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's mapping of controllers, with a cheap first test. A path with a variable ({@code /teams/{teamId}},
 * every team page) has no direct hit, so Spring tries every mapping of the portal against the request, each
 * through all its conditions (method, parameters, headers, media types, then the path patterns): 7-8% of a team
 * page's CPU (issue 10). A mapping whose every pattern starts with a literal segment ({@code /teams/...},
 * {@code /admin/...}) cannot match a path whose first segment is another: it is skipped on one string comparison,
 * the same one Spring's {@code LiteralPathElement} would make (the segment as matched: decoded, without matrix
 * variables; case-sensitive as Spring's parser is by default). Any other mapping (a pattern starting with a
 * variable or a wildcard, or none) is tried in full, as before, and every match is Spring's own.
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

	/** Per mapping, the literal first segments of its patterns; no entry: try it in full. */
	private final Map<RequestMappingInfo, Set<String>> firstSegments = new ConcurrentHashMap<>();

	/** The first segment of the request being looked up, worked out once for all the mappings tried. */
	private final ThreadLocal<String> lookedUp = new ThreadLocal<>();

	@Override
	protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
		super.registerHandlerMethod(handler, method, mapping);
		Set<String> segments = literalFirstSegments(mapping);
		if (segments != null) {
			this.firstSegments.put(mapping, segments);
		}
	}

	@Override
	public void unregisterMapping(RequestMappingInfo mapping) {
		super.unregisterMapping(mapping);
		this.firstSegments.remove(mapping);
	}

	@Override
	protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
		this.lookedUp.set(firstSegment(request));
		try {
			return super.lookupHandlerMethod(lookupPath, request);
		}
		finally {
			this.lookedUp.remove();
		}
	}

	@Override
	protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
		Set<String> segments = this.firstSegments.get(info);
		if (segments != null) {
			String first = this.lookedUp.get();
			if (first == null) {
				first = firstSegment(request);
			}
			if (first != null && !segments.contains(first)) {
				return null;
			}
		}
		return super.getMatchingMapping(info, request);
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

	/** The request path's first segment as patterns are matched against it, "" when it has none, null when unknown. */
	private static String firstSegment(HttpServletRequest request) {
		if (!ServletRequestPathUtils.hasParsedRequestPath(request)) {
			return null;
		}
		RequestPath path = ServletRequestPathUtils.getParsedRequestPath(request);
		List<PathContainer.Element> elements = path.pathWithinApplication().elements();
		if (elements.size() > 1 && elements.get(1) instanceof PathContainer.PathSegment segment) {
			return segment.valueToMatch();
		}
		return "";
	}

}
