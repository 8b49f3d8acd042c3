package com.aventian.portal.config;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.aventian.portal.PortalTest;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxHandlerInterceptor;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxMvcAutoConfiguration;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxTrigger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The htmx library's interceptor with its annotation lookups made once per handler method (issue 10): the response
 * is the one the library's own interceptor gives, for a method with and without its annotations, an htmx request and
 * a plain one, and for many threads at once.
 */
@PortalTest
class HtmxAnnotationsLookedUpOnceTests {

	private HtmxHandlerInterceptor library;

	@BeforeEach
	void theLibrarysInterceptor(@Autowired HtmxMvcAutoConfiguration htmx) {
		Registered registered = new Registered();
		htmx.addInterceptors(registered);
		this.library = (HtmxHandlerInterceptor) registered.interceptors().get(0);
	}

	@Test
	void aMethodWithoutTheLibrarysAnnotationsGetsTheLibrarysVaryHeaderAndNothingElse() throws Exception {
		HtmxAnnotationsLookedUpOnce once = new HtmxAnnotationsLookedUpOnce(this.library);
		for (boolean htmx : List.of(true, false)) {
			for (int i = 0; i < 2; i++) {
				MockHttpServletResponse ours = preHandle(once, "plain", htmx);
				MockHttpServletResponse theLibrarys = preHandleWithLibraryHandler("plain", htmx);
				assertThat(ours.getHeaderNames()).isEqualTo(theLibrarys.getHeaderNames());
				assertThat(ours.getHeaders("Vary")).isEqualTo(theLibrarys.getHeaders("Vary"))
					.isEqualTo(htmx ? List.of("HX-Request") : List.of());
			}
		}
		assertThat(once.annotated(Handlers.class.getDeclaredMethod("plain"))).isFalse();
	}

	@Test
	void aMethodWithOneOfTheAnnotationsGoesThroughTheLibrarysLookups() throws Exception {
		HtmxAnnotationsLookedUpOnce once = new HtmxAnnotationsLookedUpOnce(this.library);
		for (int i = 0; i < 2; i++) {
			MockHttpServletResponse response = preHandle(once, "triggering", true);
			assertThat(response.getHeader("HX-Trigger")).isEqualTo("changed");
			assertThat(response.getHeaders("Vary")).containsExactly("HX-Request");
		}
		assertThat(once.annotated(Handlers.class.getDeclaredMethod("triggering"))).isTrue();
	}

	@Test
	void manyThreadsAtOnceGetTheSameAnswers() throws Exception {
		HtmxAnnotationsLookedUpOnce once = new HtmxAnnotationsLookedUpOnce(this.library);
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Callable<String>> calls = new ArrayList<>();
			for (int i = 0; i < 400; i++) {
				String name = (i % 2 == 0) ? "plain" : "triggering";
				calls.add(() -> name + ":" + preHandle(once, name, true).getHeader("HX-Trigger"));
			}
			for (Future<String> answer : threads.invokeAll(calls)) {
				assertThat(answer.get()).isIn("plain:null", "triggering:changed");
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	private static MockHttpServletResponse preHandle(HtmxAnnotationsLookedUpOnce interceptor, String method,
			boolean htmx) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThat(interceptor.preHandle(request(htmx), response, handler(method))).isTrue();
		return response;
	}

	private MockHttpServletResponse preHandleWithLibraryHandler(String method, boolean htmx) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThat(this.library.preHandle(request(htmx), response, handler(method))).isTrue();
		return response;
	}

	private static MockHttpServletRequest request(boolean htmx) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/x");
		if (htmx) {
			request.addHeader("HX-Request", "true");
		}
		return request;
	}

	private static HandlerMethod handler(String name) throws NoSuchMethodException {
		Method method = Handlers.class.getDeclaredMethod(name);
		return new HandlerMethod(new Handlers(), method);
	}

	/** What the library registers, as it registers it for the portal's mappings. */
	private static final class Registered extends InterceptorRegistry {

		List<Object> interceptors() {
			return getInterceptors();
		}

	}

	static class Handlers {

		String plain() {
			return "plain";
		}

		@HxTrigger("changed")
		String triggering() {
			return "triggering";
		}

	}

}
