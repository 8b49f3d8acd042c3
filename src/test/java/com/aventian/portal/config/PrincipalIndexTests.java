package com.aventian.portal.config;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.MapSession;
import org.springframework.session.PrincipalNameIndexResolver;
import org.springframework.session.Session;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The principal index files a session under the same name as Spring Session's own resolver would (its
 * SpEL expression), so listing and ending a user's sessions find exactly the sessions they found before.
 * The index itself is exercised end to end by SessionsPageTests and DisabledAccountTests.
 */
class PrincipalIndexTests {

	private final PrincipalNameIndexResolver<Session> spring = new PrincipalNameIndexResolver<>();

	private final PrincipalIndex.FromSecurityContext<Session> ours = new PrincipalIndex.FromSecurityContext<>();

	@Test
	void everyKindOfSessionIsFiledUnderTheNameSpringsExpressionGives() {
		// given sessions of every kind the portal holds, and one with a value Spring's expression reads by property
		Map<String, Session> sessions = Map.of(
				"a stranger's (a CSRF token only)", session(null),
				"a signed-in person's", session(new SecurityContextImpl(
						UsernamePasswordAuthenticationToken.authenticated("7c4a3f52-user-id", null, List.of()))),
				"an empty security context", session(new SecurityContextImpl()),
				"an anonymous one", session(new SecurityContextImpl(new AnonymousAuthenticationToken("key", "anonymousUser",
						AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")))),
				"something else with an authentication", session(new ContextLike()));
		MapSession named = new MapSession();
		named.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, "explicitly-named");
		named.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, new SecurityContextImpl(
				UsernamePasswordAuthenticationToken.authenticated("another-name", null, List.of())));

		// when both resolve them, then they agree on every one
		sessions.forEach((kind, session) -> assertThat(this.ours.resolveIndexValueFor(session)).as(kind)
			.isEqualTo(this.spring.resolveIndexValueFor(session)));
		assertThat(this.ours.resolveIndexValueFor(sessions.get("a signed-in person's"))).isEqualTo("7c4a3f52-user-id");
		assertThat(this.ours.resolveIndexValueFor(sessions.get("a stranger's (a CSRF token only)"))).isNull();
		assertThat(this.ours.resolveIndexValueFor(sessions.get("something else with an authentication"))).isEqualTo("by-property");
		assertThat(this.ours.resolveIndexValueFor(named)).isEqualTo("explicitly-named")
			.isEqualTo(this.spring.resolveIndexValueFor(named));
	}

	private static Session session(Object securityContext) {
		MapSession session = new MapSession();
		session.setAttribute("org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository.CSRF_TOKEN", "token");
		if (securityContext != null) {
			session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, securityContext);
		}
		return session;
	}

	/** Not a security context, yet Spring's expression {@code authentication?.name} reads a name from it. */
	public static final class ContextLike {

		public Named getAuthentication() {
			return new Named();
		}

	}

	public static final class Named {

		public String getName() {
			return "by-property";
		}

	}

}
