package com.aventian.portal.config;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.DelegatingIndexResolver;
import org.springframework.session.PrincipalNameIndexResolver;
import org.springframework.session.Session;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;
import org.springframework.stereotype.Component;

/**
 * The principal name under which the indexed repository files a session (listing and ending a user's
 * sessions), read from the security context directly. Spring Session's resolver evaluates the SpEL
 * expression {@code authentication?.name} for it, and the indexed repository resolves the name every time
 * it reads a session, so every signed-in request paid for an expression evaluation by reflection. The name
 * is the same: the explicit principal-name attribute first, then the authentication's name; any other
 * kind of value under the security context's key still goes through Spring's own expression.
 */
@Component
class PrincipalIndex implements SessionRepositoryCustomizer<RedisIndexedSessionRepository> {

	@Override
	public void customize(RedisIndexedSessionRepository repository) {
		repository.setIndexResolver(new DelegatingIndexResolver<>(new FromSecurityContext<>()));
	}

	static final class FromSecurityContext<S extends Session> extends PrincipalNameIndexResolver<S> {

		@Override
		public String resolveIndexValueFor(S session) {
			String principalName = session.getAttribute(getIndexName());
			if (principalName != null) {
				return principalName;
			}
			Object context = session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
			if (context instanceof SecurityContext securityContext) {
				Authentication authentication = securityContext.getAuthentication();
				return (authentication != null) ? authentication.getName() : null;
			}
			return (context != null) ? super.resolveIndexValueFor(session) : null;
		}

	}

}
