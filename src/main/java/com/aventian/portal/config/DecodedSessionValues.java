package com.aventian.portal.config;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.csrf.DefaultCsrfToken;

/**
 * The values of a session as its last read decoded them, kept by the session's id and hash field together with
 * the exact bytes they were decoded from, so that the next request of the session, finding the same bytes, skips
 * the JDK's deserialisation of them (the security context, the CSRF token, the session's details: the largest
 * part of what a session added to a request's CPU, docs/PERFORMANCE.md). Redis is still read on every request;
 * only decoding bytes already decoded once is saved, and the bytes are compared in full, so what a read answers is
 * what decoding its bytes answers: a changed, tampered or foreign value is decoded afresh (and refused as before when it does not
 * decode), a session ended elsewhere ends as before (its record, lifetime and times are read and decoded on every
 * request).
 * <p>
 * Only values no request can change are handed out again: strings, ids, instants and Spring's CSRF token (final
 * fields), and the security context as a new {@link SecurityContextImpl} per read (a request may set or clear its
 * context's authentication, sign-out does) around the one authentication decoded, for the two kinds of token
 * sign-in stores, and only while that token still is as it was decoded (authenticated, same details and
 * credentials); nothing in the portal changes a stored token, the check makes sure a change would not travel.
 */
final class DecodedSessionValues {

	/** Sessions kept (a few KB each: the bytes and the objects); beyond that, one is forgotten per new one. */
	static final int SESSIONS = 1_000;

	private static final Set<Class<?>> UNCHANGEABLE = Set.of(String.class, UUID.class, Instant.class,
			DefaultCsrfToken.class);

	private static final Set<Class<?>> STORED_TOKENS = Set.of(UsernamePasswordAuthenticationToken.class,
			OAuth2AuthenticationToken.class);

	/** Each session's values of its last read, never changed once put here (a read replaces them whole). */
	private final Map<String, Map<String, Decoded>> sessions = new ConcurrentHashMap<>();

	/** One read of a session's values: each decoded through {@link Read#value}, then kept by {@link Read#done}. */
	Read read(String sessionId) {
		return new Read(sessionId, this.sessions.getOrDefault(sessionId, Map.of()));
	}

	int sessionsKept() {
		return this.sessions.size();
	}

	boolean keeps(String sessionId) {
		return this.sessions.containsKey(sessionId);
	}

	private void keep(String sessionId, Map<String, Decoded> values) {
		if (values.isEmpty()) {
			this.sessions.remove(sessionId);
			return;
		}
		if (this.sessions.put(sessionId, values) == null) {
			forgetBeyondBound(sessionId);
		}
	}

	/**
	 * Forgets sessions until no more than the bound are kept. Checked after the put, and until it holds: a check
	 * before it let reads of new sessions at once each forget the same one and all put theirs, the bound drifting up
	 * for good (thousands of sessions kept, DecodedSessionValuesBoundTests).
	 */
	private void forgetBeyondBound(String justKept) {
		Iterator<String> any = this.sessions.keySet().iterator();
		while (this.sessions.size() > SESSIONS && any.hasNext()) {
			if (!any.next().equals(justKept)) {
				any.remove();
			}
		}
	}

	/** A value decoded from these bytes that may be handed out again, or null if it may not. */
	private static Decoded decoded(byte[] bytes, Object value) {
		if (value != null && UNCHANGEABLE.contains(value.getClass())) {
			return new Decoded(bytes, value, null, null, null);
		}
		if (value != null && value.getClass() == SecurityContextImpl.class) {
			Authentication token = ((SecurityContextImpl) value).getAuthentication();
			if (token != null && STORED_TOKENS.contains(token.getClass()) && token.isAuthenticated()) {
				return new Decoded(bytes, null, token, token.getDetails(), token.getCredentials());
			}
		}
		return null;
	}

	/** One read: the earlier read's values, and this read's to keep. */
	final class Read {

		private final String sessionId;

		private final Map<String, Decoded> earlier;

		private final Map<String, Decoded> now;

		private Read(String sessionId, Map<String, Decoded> earlier) {
			this.sessionId = sessionId;
			this.earlier = earlier;
			this.now = new HashMap<>(Math.max(4, earlier.size() * 2));
		}

		/** The field's value decoded from these bytes: the earlier read's when the bytes are the same, else {@code decode}'s. */
		Object value(String field, byte[] bytes, Function<byte[], Object> decode) {
			Decoded earlier = this.earlier.get(field);
			if (earlier != null && earlier.decodes(bytes)) {
				Object value = earlier.handOut();
				if (value != null) {
					this.now.put(field, earlier);
					return value;
				}
			}
			Object value = decode.apply(bytes);
			Decoded kept = (bytes != null) ? decoded(bytes, value) : null;
			if (kept != null) {
				this.now.put(field, kept);
			}
			return value;
		}

		/** Keeps this read's values for the session's next read. */
		void done() {
			keep(this.sessionId, this.now);
		}

	}

	/** A value and the bytes it was decoded from; a security context is kept as its token. */
	private record Decoded(byte[] bytes, Object value, Authentication token, Object details, Object credentials) {

		boolean decodes(byte[] other) {
			return Arrays.equals(this.bytes, other);
		}

		/** The value to hand to this read, or null when the kept token no longer is as it was decoded. */
		Object handOut() {
			if (this.token == null) {
				return this.value;
			}
			if (!this.token.isAuthenticated() || this.token.getDetails() != this.details
					|| this.token.getCredentials() != this.credentials) {
				return null;
			}
			return new SecurityContextImpl(this.token);
		}

	}

}
