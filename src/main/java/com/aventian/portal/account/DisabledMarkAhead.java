package com.aventian.portal.account;

import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Component;

/**
 * The disabled mark of a session's account ({@link DisabledAccounts}), read in the same Redis round trip as
 * the session itself. {@link AccountGate} asks on every request of a signed-in session whether its account
 * is disabled; the user id that names the mark is inside the session's serialised security context, so the
 * mark could be asked for only once the session had come back: two round trips per request.
 * <p>
 * A session id's user never changes (signing in gives the session a new id), so the user found in a
 * session is remembered by the session's id, and the request's next read of that session (the session
 * repository's template, {@code config.SessionReads}) sends the mark's {@code EXISTS} with the session's
 * {@code HGETALL}, on the same connection, after it: the answer is as fresh as the one the gate got by
 * asking after the read. The gate takes that answer only if the session then read holds that very user and
 * is the request's own session; in every other case (a session not met before, or forgotten, or holding
 * someone else) it asks Redis after the read, as before. What is remembered is only a guess of which mark
 * to read: a wrong or stale guess costs the separate round trip, never a wrong answer.
 * <p>
 * The answer lives in the request's own record, opened and closed around Spring Session's filter by
 * {@code config.SessionTouch}, so it never passes to another request served by the same thread.
 */
@Component
public class DisabledMarkAhead {

	/** Sessions whose user is remembered (about 200 bytes each); beyond that, one is forgotten per new one. */
	static final int REMEMBERED = 10_000;

	private final DisabledAccounts disabled;

	private final Map<String, UUID> users = new ConcurrentHashMap<>();

	/** The request's read of its own session; unset outside a request. */
	private final ThreadLocal<Read> reads = new ThreadLocal<>();

	DisabledMarkAhead(DisabledAccounts disabled) {
		this.disabled = disabled;
	}

	/** Starts the request's record; the value returned goes to {@link #close} when the request ends. */
	public Object open() {
		Read outer = this.reads.get();
		this.reads.set(new Read());
		return outer;
	}

	/** Ends the request's record (and gives an enclosing dispatch's record back). */
	public void close(Object outer) {
		if (outer instanceof Read read) {
			this.reads.set(read);
		}
		else {
			this.reads.remove();
		}
	}

	/** The request is about to read its own session, the one with this id (the first such read counts). */
	public void readingSession(String sessionId) {
		Read read = this.reads.get();
		if (read != null && read.sessionId == null) {
			read.sessionId = sessionId;
			read.assumed = this.users.get(sessionId);
		}
	}

	/** Whether the read of this session is the request's read of its own session, still to come. */
	public boolean expects(String sessionId) {
		Read read = this.reads.get();
		return read != null && !read.done && sessionId.equals(read.sessionId);
	}

	/** The key of the mark to read along with the session of this id, or null when its user is not known. */
	public String markToReadWith(String sessionId) {
		Read read = this.reads.get();
		return (read != null && read.assumed != null && expects(sessionId)) ? DisabledAccounts.keyOf(read.assumed) : null;
	}

	/**
	 * The request's session as read: its security context (null when it holds none) and, when the mark of
	 * {@link #markToReadWith} was read along, whether that mark exists (null when it was not read).
	 */
	public void sessionRead(String sessionId, Object securityContext, Boolean markExists) {
		Read read = this.reads.get();
		if (read == null || !expects(sessionId)) {
			return;
		}
		read.done = true;
		UUID holder = userOf(securityContext);
		if (holder == null) {
			return;
		}
		if (holder.equals(read.assumed)) {
			read.markExists = markExists;
		}
		else {
			remember(sessionId, holder);
		}
	}

	/**
	 * Whether this user's account is disabled: the answer read along with the request's session when it is
	 * that session's (its id is asked only then, when the session has been read) and that user's; otherwise
	 * asked from Redis now.
	 */
	boolean isDisabled(UUID user, Supplier<String> requestedSessionId) {
		Read read = this.reads.get();
		if (read != null && read.markExists != null && user.equals(read.assumed)
				&& read.sessionId.equals(requestedSessionId.get())) {
			boolean answer = read.markExists;
			read.markExists = null;
			return answer;
		}
		return this.disabled.isDisabled(user);
	}

	private void remember(String sessionId, UUID user) {
		if (this.users.size() >= REMEMBERED) {
			Iterator<String> any = this.users.keySet().iterator();
			if (any.hasNext()) {
				any.next();
				any.remove();
			}
		}
		this.users.put(sessionId, user);
	}

	private static UUID userOf(Object securityContext) {
		if (securityContext instanceof SecurityContext context) {
			Authentication authentication = context.getAuthentication();
			if (authentication != null && authentication.getPrincipal() instanceof PortalPrincipal principal) {
				return principal.userId();
			}
		}
		return null;
	}

	/** One request's read of its own session. */
	private static final class Read {

		String sessionId;

		/** The user remembered for the session, whose mark is read along with it. */
		UUID assumed;

		boolean done;

		/** The mark of {@link #assumed}, once the session read holds that user; null otherwise or once taken. */
		Boolean markExists;

	}

}
