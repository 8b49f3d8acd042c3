package com.aventian.portal.config;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

import com.aventian.portal.account.DisabledMarkAhead;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.session.autoconfigure.SessionProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;
import org.springframework.session.data.redis.RedisIndexedSessionRepository.RedisSession;
import org.springframework.stereotype.Component;

/**
 * The session repository the session filter uses: Spring Session's indexed Redis repository, except that
 * a request's access is written only when the stored last access is at least {@link #INTERVAL} old.
 * Spring Session sets the last access on every request, and the indexed repository then writes it and
 * moves the session's expiry (six commands: {@code HMSET}, {@code APPEND} and {@code PEXPIRE} of the
 * expiry key, {@code PEXPIRE} of the session, {@code SADD} and {@code PEXPIRE} of the minute's expiry
 * set), although nothing else changed. Skipped, a request that changes nothing reads the session and
 * writes nothing; the idle timeout still counts from the stored last access, which lags the real one by
 * less than {@link #INTERVAL}, so an idle session ends at most that much early. Attribute changes,
 * sign-in (new id, new CSRF token), invalidation and the principal index are untouched: they pass
 * straight to the indexed repository, which listing and ending sessions keep using directly.
 * <p>
 * Within one request it also answers a second read of a session it has saved from that save, without
 * Redis. Spring Session's filter saves the session when the response commits and again when the request
 * ends; the second time it reads the session from Redis before saving (to learn the cookie's session id,
 * which it had forgotten: spring-session issues #1424 and #2131) and throws that copy away. Nothing reads
 * the copy, so the answer only saves the round trip. The memory lives from {@link RequestScope}'s start to
 * its end, on the request's thread, so every request still reads its session from Redis first: a session
 * ended elsewhere is refused on its next request, and the memory never passes to another request.
 * <p>
 * It is the primary {@link SessionRepository}, so Spring Session's filter takes it; it is registered by
 * {@link Registration} because Boot's session auto-configuration backs off from creating the indexed
 * repository when a {@link SessionRepository} bean is declared before it decides.
 */
class SessionTouch implements SessionRepository<SessionTouch.TouchedSession> {

	/** How stale the stored last access may get before a request writes it again. */
	static final Duration INTERVAL = Duration.ofMinutes(1);

	private final RedisIndexedSessionRepository sessions;

	/** Told which read is the request's own, so the account's disabled mark comes with it ({@link SessionReads}). */
	private final DisabledMarkAhead marks;

	/** The sessions saved by the request this thread runs, by id; unset outside {@link RequestScope}. */
	private final ThreadLocal<Map<String, TouchedSession>> savedInRequest = new ThreadLocal<>();

	SessionTouch(RedisIndexedSessionRepository sessions, DisabledMarkAhead marks) {
		this.sessions = sessions;
		this.marks = marks;
	}

	@Override
	public TouchedSession createSession() {
		return new TouchedSession(this.sessions.createSession(), null);
	}

	@Override
	public void save(TouchedSession session) {
		if (session.revives() && this.sessions.findById(session.foundAs) == null) {
			// ended while this request ran: its write of a new lifetime would make the ended record live again
			return;
		}
		this.sessions.save(session.stored);
		session.lifetimeChanged = false;
		Map<String, TouchedSession> saved = this.savedInRequest.get();
		if (saved != null) {
			saved.put(session.getId(), session);
		}
	}

	@Override
	public TouchedSession findById(String id) {
		Map<String, TouchedSession> saved = this.savedInRequest.get();
		TouchedSession savedByThisRequest = (saved != null) ? saved.get(id) : null;
		// a session whose id changed after that save (sign-in) is no longer the one asked for
		if (savedByThisRequest != null && savedByThisRequest.getId().equals(id)) {
			return savedByThisRequest;
		}
		this.marks.readingSession(id);
		RedisSession stored = this.sessions.findById(id);
		return (stored != null) ? new TouchedSession(stored, id) : null;
	}

	@Override
	public void deleteById(String id) {
		Map<String, TouchedSession> saved = this.savedInRequest.get();
		if (saved != null) {
			saved.remove(id);
		}
		this.sessions.deleteById(id);
	}

	/**
	 * Bounds the memory of saved sessions, and {@link DisabledMarkAhead}'s record of the request's read of its
	 * session, to one request: it wraps Spring Session's filter (one place
	 * earlier in the chain, for the same dispatches), so the memory outlives that filter's last save and
	 * is gone before the thread serves anything else. A dispatch that runs inside another (an error page
	 * rendered within the request) gets its own memory and gives the outer one back.
	 */
	final class RequestScope implements Filter {

		@Override
		public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
				throws IOException, ServletException {
			Map<String, TouchedSession> outer = SessionTouch.this.savedInRequest.get();
			SessionTouch.this.savedInRequest.set(new HashMap<>(2));
			Object outerMarks = SessionTouch.this.marks.open();
			try {
				chain.doFilter(request, response);
			}
			finally {
				SessionTouch.this.marks.close(outerMarks);
				if (outer != null) {
					SessionTouch.this.savedInRequest.set(outer);
				}
				else {
					SessionTouch.this.savedInRequest.remove();
				}
			}
		}

	}

	/**
	 * A stored session whose last access moves only in steps of {@link SessionTouch#INTERVAL}, and which
	 * notes a change of its lifetime. Ending a session (sign-out, "end other sessions", a password change)
	 * leaves its whole record in Redis for five minutes with a lifetime of zero: Spring Session keeps it to
	 * announce the deletion. A request of that session already running, writing the signed-in lifetime
	 * ({@link SessionLifetime}, the first request after sign-in), would overwrite that zero and bring the
	 * ended session back for hours, out of the principal index, so out of reach of "end other sessions".
	 */
	static final class TouchedSession implements Session {

		private final RedisSession stored;

		/** The id it was read under, null for a session this request created. */
		private final String foundAs;

		private boolean lifetimeChanged;

		TouchedSession(RedisSession stored, String foundAs) {
			this.stored = stored;
			this.foundAs = foundAs;
		}

		/** Whether saving writes a lifetime into a record that existed before this request, under the same id. */
		boolean revives() {
			return this.lifetimeChanged && this.foundAs != null && this.foundAs.equals(this.stored.getId());
		}

		@Override
		public void setLastAccessedTime(Instant lastAccessedTime) {
			if (!lastAccessedTime.isBefore(this.stored.getLastAccessedTime().plus(INTERVAL))) {
				this.stored.setLastAccessedTime(lastAccessedTime);
			}
		}

		@Override
		public Instant getLastAccessedTime() {
			return this.stored.getLastAccessedTime();
		}

		@Override
		public String getId() {
			return this.stored.getId();
		}

		@Override
		public String changeSessionId() {
			return this.stored.changeSessionId();
		}

		@Override
		public <T> T getAttribute(String attributeName) {
			return this.stored.getAttribute(attributeName);
		}

		@Override
		public Set<String> getAttributeNames() {
			return this.stored.getAttributeNames();
		}

		@Override
		public void setAttribute(String attributeName, Object attributeValue) {
			this.stored.setAttribute(attributeName, attributeValue);
		}

		@Override
		public void removeAttribute(String attributeName) {
			this.stored.removeAttribute(attributeName);
		}

		@Override
		public Instant getCreationTime() {
			return this.stored.getCreationTime();
		}

		@Override
		public void setMaxInactiveInterval(Duration interval) {
			this.lifetimeChanged = true;
			this.stored.setMaxInactiveInterval(interval);
		}

		@Override
		public Duration getMaxInactiveInterval() {
			return this.stored.getMaxInactiveInterval();
		}

		@Override
		public boolean isExpired() {
			return this.stored.isExpired();
		}

	}

	/** Places {@link RequestScope} just outside Spring Session's filter, for the dispatches that filter sees. */
	@Configuration(proxyBeanMethods = false)
	static class Scoping {

		@Bean
		FilterRegistrationBean<RequestScope> sessionTouchRequestScope(SessionTouch touch, SessionProperties properties) {
			FilterRegistrationBean<RequestScope> registration = new FilterRegistrationBean<>(touch.new RequestScope());
			registration.setOrder(properties.getServlet().getFilterOrder() - 1);
			EnumSet<DispatcherType> dispatches = EnumSet.noneOf(DispatcherType.class);
			Set<org.springframework.boot.web.servlet.DispatcherType> sessionDispatches = properties.getServlet()
				.getFilterDispatcherTypes();
			if (sessionDispatches != null) {
				sessionDispatches.forEach((type) -> dispatches.add(DispatcherType.valueOf(type.name())));
			}
			registration.setDispatcherTypes(dispatches);
			return registration;
		}

	}

	/** Declares {@link SessionTouch} once the auto-configuration has declared the indexed repository. */
	@Component
	static final class Registration implements BeanDefinitionRegistryPostProcessor {

		@Override
		public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
			RootBeanDefinition touch = new RootBeanDefinition(SessionTouch.class);
			touch.setPrimary(true);
			registry.registerBeanDefinition("sessionTouch", touch);
		}

	}

}
