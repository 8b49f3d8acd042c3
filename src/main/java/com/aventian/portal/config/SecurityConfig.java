package com.aventian.portal.config;

import java.time.Duration;
import java.util.Map;

import com.aventian.portal.account.AccountGate;
import com.aventian.portal.account.PortalAuthorities;
import com.aventian.portal.account.SignInActivity;
import com.aventian.portal.ops.RequestLogContext;
import com.aventian.portal.ops.ScrapeToken;
import com.aventian.portal.throttle.Throttle;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

@Configuration(proxyBeanMethods = false)
class SecurityConfig {

	/** Powerful browser features the portal never uses, switched off for every page. */
	static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()";

	/** The one Content-Security-Policy of the portal: nothing inline, nothing evaluated, nothing framed. */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

	private static final RequestMatcher HTMX_REQUEST = new RequestHeaderRequestMatcher("HX-Request", "true");

	@Bean
	SecurityFilterChain portalSecurity(HttpSecurity http, SignInActivity signIn, AccountGate accountGate, Throttle throttle,
			ObjectProvider<ClientRegistrationRepository> clientRegistrations,
			OAuth2UserService<OidcUserRequest, OidcUser> oidcUsers, ScrapeToken scrapeToken,
			@Value("${aventian.session.signed-in-timeout}") Duration signedInSessions) throws Exception {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/css/**", "/js/**", "/img/**", "/favicon.ico", "/login", "/error").permitAll()
			.requestMatchers("/signup", "/signup/**", "/password/**", "/verify-email/confirm", "/invitations/**", "/account/link", "/account/link/**",
					"/account/email/confirm").permitAll()
			.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
			.requestMatchers("/actuator/**").hasAnyAuthority(PortalAuthorities.PLATFORM_ADMIN, ScrapeToken.AUTHORITY)
			// the platform admin pages (product registry, role templates): the platform's own privilege, not a team's
			.requestMatchers("/admin", "/admin/**").hasAuthority(PortalAuthorities.PLATFORM_ADMIN)
			.anyRequest().authenticated());
		// where to return after sign-in travels as a `continue` parameter (SignedOutAnswers), never in a session
		http.requestCache((cache) -> cache.requestCache(new NullRequestCache()));
		http.addFilterBefore(scrapeToken.filter(), AuthorizationFilter.class);
		http.addFilterAfter(new SessionLifetime(signedInSessions), AuthorizationFilter.class);
		// the signed-in person's id on every later log line of the request (the session is read by now)
		http.addFilterAfter(RequestLogContext.signedIn(), SessionLifetime.class);
		http.formLogin((form) -> form.loginPage("/login")
			.usernameParameter(SignInActivity.EMAIL_PARAMETER)
			.successHandler(signIn.successHandler())
			.failureHandler(signIn.failureHandler())
			.permitAll());
		if (clientRegistrations.getIfAvailable() != null) {
			http.oauth2Login((oauth) -> oauth.loginPage("/login")
				.userInfoEndpoint((userInfo) -> userInfo.oidcUserService(oidcUsers))
				.successHandler(signIn.successHandler())
				.failureHandler(signIn.failureHandler()));
		}
		http.addFilterBefore(signIn.guard(throttle), UsernamePasswordAuthenticationFilter.class);
		// a disabled account's session ends, an unverified one reaches only the verification pages: for every
		// path, actuator and API included, so it lives in this chain rather than in an MVC interceptor
		http.addFilterBefore(accountGate.filter(), AuthorizationFilter.class);
		http.logout((logout) -> logout.logoutUrl("/logout")
			.addLogoutHandler(signIn.logoutHandler())
			.logoutSuccessUrl("/login?signedOut"));
		http.exceptionHandling((exceptions) -> exceptions
			// htmx reloads the page, a browser goes to sign-in, machines get 401 with a problem detail
			.authenticationEntryPoint(new SignedOutAnswers())
			.defaultAccessDeniedHandlerFor(htmxRefresh(), HTMX_REQUEST));
		http.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
			.addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", PERMISSIONS_POLICY)));
		return http.build();
	}

	/** A refused htmx call (a stale CSRF token after sign-in elsewhere, say) reloads the page instead of swapping an error in. */
	private static AccessDeniedHandler htmxRefresh() {
		AccessDeniedHandlerImpl forbidden = new AccessDeniedHandlerImpl();
		return (request, response, denied) -> {
			response.setHeader("HX-Refresh", "true");
			forbidden.handle(request, response, denied);
		};
	}

	/**
	 * Argon2id at OWASP's minimum (19 MiB, 2 iterations, 1 lane) or above. Spring's own preset is below it;
	 * a stored hash with other parameters is re-hashed at the next sign-in. As many hashes at once as the
	 * JVM has cores ({@link BoundedPasswordHashing}), each in memory kept for the next one
	 * ({@link ReusedMemoryArgon2PasswordEncoder}: Spring's encoder allocated 19 MiB per hash).
	 */
	@Bean
	PasswordEncoder passwordEncoder(MeterRegistry meters) {
		int permits = Runtime.getRuntime().availableProcessors();
		PasswordEncoder argon2 = new ReusedMemoryArgon2PasswordEncoder(16, 32, 1, 19456, 2, permits);
		PasswordEncoder hashing = new BoundedPasswordHashing(
				new DelegatingPasswordEncoder("argon2", Map.of("argon2", argon2)), permits);
		return new MeteredPasswordEncoder(hashing, meters);
	}

}
