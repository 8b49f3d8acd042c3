package com.aventian.portal.account;

import java.util.List;
import java.util.UUID;

import com.aventian.portal.PortalTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answer read along with a request's session is given only to that request, for that session and that
 * user; everything else is asked from Redis, so the answer is always the mark as it is now. Each test plays
 * the requests one thread serves one after the other, as a server thread does.
 */
@PortalTest
class DisabledMarkAheadTests {

	@Autowired
	DisabledMarkAhead ahead;

	@Autowired
	StringRedisTemplate redis;

	record Someone(UUID userId, String email, boolean emailVerified) implements PortalPrincipal {
	}

	static SecurityContext contextOf(UUID user) {
		return new SecurityContextImpl(
				new UsernamePasswordAuthenticationToken(new Someone(user, "someone@example.com", true), null, List.of()));
	}

	void markDisabled(UUID user) {
		this.redis.opsForValue().set(DisabledAccounts.keyOf(user), "1");
	}

	/** A request reading its session, whose user the read found in it, the mark read along if it was known. */
	void requestReading(String session, UUID user, Boolean markExists) {
		this.ahead.readingSession(session);
		this.ahead.sessionRead(session, contextOf(user), (this.ahead.markToReadWith(session) != null) ? markExists : null);
	}

	@Test
	void theSessionsUserIsRememberedFromItsFirstReadAndItsMarkReadAlongFromTheNext() {
		UUID user = UUID.randomUUID();
		String session = UUID.randomUUID().toString();

		Object first = this.ahead.open();
		this.ahead.readingSession(session);
		assertThat(this.ahead.markToReadWith(session)).isNull();
		this.ahead.sessionRead(session, contextOf(user), null);
		this.ahead.close(first);

		Object next = this.ahead.open();
		this.ahead.readingSession(session);
		assertThat(this.ahead.markToReadWith(session)).isEqualTo(DisabledAccounts.keyOf(user));
		assertThat(this.ahead.markToReadWith("another session")).isNull();
		this.ahead.close(next);
	}

	@Test
	void anAnswerReadWithOneRequestsSessionIsNotGivenToTheNextRequestTheThreadServes() {
		// given a session met before, and a request of it that read "not disabled" along and ended unasked
		UUID user = UUID.randomUUID();
		String session = UUID.randomUUID().toString();
		Object first = this.ahead.open();
		requestReading(session, user, false);
		this.ahead.close(first);
		Object second = this.ahead.open();
		requestReading(session, user, false);
		this.ahead.close(second);

		// when the account is disabled and the next request of the thread asks without reading its session
		markDisabled(user);
		Object third = this.ahead.open();
		boolean disabled = this.ahead.isDisabled(user, () -> session);
		this.ahead.close(third);

		// then the answer is today's mark
		assertThat(disabled).isTrue();
	}

	@Test
	void anAnswerIsGivenOnlyForTheSessionItWasReadWithAndOnlyOnce() {
		UUID user = UUID.randomUUID();
		String session = UUID.randomUUID().toString();
		Object first = this.ahead.open();
		requestReading(session, user, null);
		this.ahead.close(first);

		// given a request that read "not disabled" along with its session, and then the account disabled
		Object request = this.ahead.open();
		requestReading(session, user, false);
		markDisabled(user);

		// then another session's question is asked from Redis; the request's own gets what was read once
		assertThat(this.ahead.isDisabled(user, () -> "another session")).isTrue();
		assertThat(this.ahead.isDisabled(user, () -> session)).isFalse();
		assertThat(this.ahead.isDisabled(user, () -> session)).isTrue();
		this.ahead.close(request);
	}

	@Test
	void anAnswerIsGivenOnlyForTheUserItWasReadFor() {
		UUID user = UUID.randomUUID();
		UUID someoneElse = UUID.randomUUID();
		String session = UUID.randomUUID().toString();
		Object first = this.ahead.open();
		requestReading(session, user, null);
		this.ahead.close(first);
		markDisabled(someoneElse);

		Object request = this.ahead.open();
		requestReading(session, user, false);
		assertThat(this.ahead.isDisabled(someoneElse, () -> session)).isTrue();
		this.ahead.close(request);
	}

	@Test
	void outsideARequestNothingIsRecordedAndEveryQuestionGoesToRedis() {
		UUID user = UUID.randomUUID();
		String session = UUID.randomUUID().toString();
		this.ahead.readingSession(session);
		this.ahead.sessionRead(session, contextOf(user), false);
		markDisabled(user);

		assertThat(this.ahead.markToReadWith(session)).isNull();
		assertThat(this.ahead.isDisabled(user, () -> session)).isTrue();
	}

}
