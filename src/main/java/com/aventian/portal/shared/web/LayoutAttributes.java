package com.aventian.portal.shared.web;

import com.aventian.portal.ops.SchemaVersion;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.ui.Model;

/**
 * What the base layout shows on every page: the schema version, the environment outside prod, and whether the
 * visitor is signed in and a platform admin. The last two answer what the layout asked Spring Security's
 * expressions ({@code isAuthenticated()}, {@code hasAuthority(...)}) on every page: each such expression is
 * parsed and given a new evaluation context per use, about 5% of a team page's CPU (issue 10). A page rendered
 * without this advice (an exception handler's) leaves them unset and the layout falls back to the expressions.
 */
@ControllerAdvice
class LayoutAttributes {

	/** The authority of a platform admin ({@code PortalAuthorities.PLATFORM_ADMIN}; shared does not import account). */
	static final String PLATFORM_ADMIN = "ROLE_PLATFORM_ADMIN";

	private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

	private final SchemaVersion schemaVersion;

	private final String environment;

	LayoutAttributes(SchemaVersion schemaVersion, @Value("${aventian.environment}") String environment) {
		this.schemaVersion = schemaVersion;
		this.environment = environment;
	}

	@ModelAttribute
	void addLayoutAttributes(Model model) {
		model.addAttribute("schemaVersion", this.schemaVersion.value());
		model.addAttribute("environment", "prod".equals(this.environment) ? null : this.environment);
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		// isAuthenticated() as Spring Security's expression answers it: present, not anonymous, authenticated
		boolean signedIn = TRUST.isAuthenticated(authentication);
		model.addAttribute("layoutSignedIn", signedIn);
		model.addAttribute("layoutPlatformAdmin", signedIn && holds(authentication, PLATFORM_ADMIN));
	}

	private static boolean holds(Authentication authentication, String authority) {
		for (GrantedAuthority granted : authentication.getAuthorities()) {
			if (authority.equals(granted.getAuthority())) {
				return true;
			}
		}
		return false;
	}

}
