package com.aventian.portal.account;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.aventian.portal.audit.AuditEntry;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.throttle.RedisCounters;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Failed sign-ins counted per submitted e-mail, whether or not an account has it, so the lockout
 * looks the same for every e-mail and reveals no account.
 */
@Component
class SignInLockout {

	private static final String NAMESPACE = "signin-failures";

	private final RedisCounters counters;

	private final AuditLog audit;

	private final int maxFailures;

	private final Duration duration;

	SignInLockout(RedisCounters counters, AuditLog audit, @Value("${aventian.lockout.max-failures}") int maxFailures,
			@Value("${aventian.lockout.duration}") Duration duration) {
		this.counters = counters;
		this.audit = audit;
		this.maxFailures = maxFailures;
		this.duration = duration;
	}

	/** How long sign-in stays refused for this e-mail, if it is locked. */
	Optional<Duration> lockedFor(String email) {
		RedisCounters.Count failures = this.counters.current(NAMESPACE, email);
		return (failures.value() >= this.maxFailures) ? Optional.of(failures.timeLeft()) : Optional.empty();
	}

	@Transactional
	void recordFailure(String email) {
		RedisCounters.Count failures = this.counters.increment(NAMESPACE, email, this.duration);
		if (failures.value() == this.maxFailures) {
			this.counters.extend(NAMESPACE, email, this.duration);
			this.audit.record(new AuditEntry(null, email, "SIGN_IN_LOCKED", "email", email, null, null,
					Map.of("failures", failures.value(), "minutes", this.duration.toMinutes())));
		}
	}

	void recordSuccess(String email) {
		this.counters.reset(NAMESPACE, email);
	}

}
