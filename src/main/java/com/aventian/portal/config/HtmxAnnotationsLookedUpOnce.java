package com.aventian.portal.config;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxHandlerInterceptor;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequestHeader;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxPushUrl;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxReplaceUrl;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxReselect;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxReswap;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRetarget;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxTrigger;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxTriggerAfterSettle;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxTriggerAfterSwap;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * The htmx library's interceptor with its annotation lookups made once per handler method. The library's looks up
 * its eight response annotations ({@code @HxPushUrl}, {@code @HxTrigger}...) on the handler method on every request,
 * uncached (1-2% of team home's CPU, issue 10), although a method's annotations never change. Here whether a method
 * carries any of them is looked up once, with the same lookup the library makes; a method that carries one goes
 * through the library's interceptor as before, every other gets what the library would have done for it: the
 * {@code Vary: HX-Request} of an htmx request. The kept answers are one per handler method of the portal, a fixed
 * set, so they need no bound. After the handler, the library's own work (the {@code HtmxResponse} headers) runs as is.
 */
final class HtmxAnnotationsLookedUpOnce implements HandlerInterceptor {

	/** The method annotations the library's interceptor looks for (its {@code HtmxHandlerMethodHandler}). */
	static final List<Class<? extends Annotation>> RESPONSE_ANNOTATIONS = List.of(HxPushUrl.class, HxReplaceUrl.class,
			HxReswap.class, HxRetarget.class, HxReselect.class, HxTrigger.class, HxTriggerAfterSettle.class,
			HxTriggerAfterSwap.class);

	private static final String HX_REQUEST = HtmxRequestHeader.HX_REQUEST.getValue();

	private final HtmxHandlerInterceptor library;

	private final Map<Method, Boolean> annotated = new ConcurrentHashMap<>();

	HtmxAnnotationsLookedUpOnce(HtmxHandlerInterceptor library) {
		this.library = library;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
		if (handler instanceof HandlerMethod method && !annotated(method.getMethod())) {
			if (request.getHeader(HX_REQUEST) != null) {
				response.addHeader("Vary", HX_REQUEST);
			}
			return true;
		}
		return this.library.preHandle(request, response, handler);
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			ModelAndView modelAndView) throws Exception {
		this.library.postHandle(request, response, handler, modelAndView);
	}

	boolean annotated(Method method) {
		Boolean known = this.annotated.get(method);
		if (known == null) {
			known = RESPONSE_ANNOTATIONS.stream()
				.anyMatch((type) -> AnnotatedElementUtils.findMergedAnnotation(method, type) != null);
			this.annotated.put(method, known);
		}
		return known;
	}

}
