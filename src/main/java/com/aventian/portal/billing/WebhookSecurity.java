package com.aventian.portal.billing;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Stripe's webhook carries no session and no CSRF token: its signature is its authentication, checked on
 * the raw body by {@link StripeWebhooks}. A chain of its own for that one path, stateless, so the portal's
 * chain keeps CSRF on everything else.
 */
@Configuration(proxyBeanMethods = false)
class WebhookSecurity {

	@Bean
	@Order(0)
	SecurityFilterChain stripeWebhookSecurity(HttpSecurity http) throws Exception {
		http.securityMatcher(StripeWebhookController.PATH)
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.securityContext((context) -> context.disable());
		return http.build();
	}

}
