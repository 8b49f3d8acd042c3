package com.aventian.portal.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * {@code aventian.sign.ins}: sign-ins by outcome ({@code success}, {@code failure}) and method
 * ({@code password}, {@code oidc}), failures also by reason (the exception's class, a short fixed list).
 * Counted from Spring Security's authentication events, so every way to sign in counts alike. A sign-in
 * refused by the lockout never reaches authentication and shows in {@code tbl_login_activity} only.
 */
@Component
class SignInMetrics {

	static final String METRIC = "aventian.sign.ins";

	private final MeterRegistry registry;

	SignInMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@EventListener
	void succeeded(AuthenticationSuccessEvent event) {
		count("success", event.getAuthentication(), "none");
	}

	@EventListener
	void failed(AbstractAuthenticationFailureEvent event) {
		count("failure", event.getAuthentication(), event.getException().getClass().getSimpleName());
	}

	private void count(String outcome, Authentication authentication, String reason) {
		Counter.builder(METRIC)
			.description("Sign-in attempts that reached authentication")
			.tag("outcome", outcome)
			.tag("method", (authentication instanceof UsernamePasswordAuthenticationToken) ? "password" : "oidc")
			.tag("reason", reason)
			.register(this.registry)
			.increment();
	}

}
