package com.aventian.portal.account;

import java.net.InetAddress;
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
 * Failed password checks (sign-in, linking by password, the current password on the profile), counted per
 * submitted e-mail in its normal form, whether or not an account has it, so the answer looks the same for
 * every e-mail and reveals no account.
 * <p>
 * Lockout must never lock the owner out, so it has two counters. Failures for an e-mail <em>from one
 * address</em> lock that address out for that e-mail after {@code aventian.lockout.max-failures}, for
 * {@code aventian.lockout.duration}. Failures for the e-mail <em>from all addresses together</em> only slow
 * it down: past the same number, each further attempt waits {@code delay-step}, doubling with every
 * failure, at most {@code max-delay}. An attacker spreading guesses over many addresses gets a few per
 * address and a growing wait on each; the owner, from their own address, is never refused, at worst kept
 * waiting a few seconds. A lock for all addresses would let anyone lock anyone out by guessing wrong.
 */
@Component
class SignInLockout {

	private static final String FROM_ADDRESS = "signin-failures";

	private static final String FROM_ANYWHERE = "signin-failures-all";

	private final RedisCounters counters;

	private final AuditLog audit;

	private final int maxFailures;

	private final Duration duration;

	private final Duration delayStep;

	private final Duration maxDelay;

	SignInLockout(RedisCounters counters, AuditLog audit, @Value("${aventian.lockout.max-failures}") int maxFailures,
			@Value("${aventian.lockout.duration}") Duration duration,
			@Value("${aventian.lockout.delay-step}") Duration delayStep,
			@Value("${aventian.lockout.max-delay}") Duration maxDelay) {
		this.counters = counters;
		this.audit = audit;
		this.maxFailures = maxFailures;
		this.duration = duration;
		this.delayStep = delayStep;
		this.maxDelay = maxDelay;
	}

	/** How long password checks for this e-mail stay refused from this address, if they are. */
	Optional<Duration> lockedFor(String email, InetAddress client) {
		RedisCounters.Count failures = this.counters.current(FROM_ADDRESS, fromAddress(email, client));
		return (failures.value() >= this.maxFailures) ? Optional.of(failures.timeLeft()) : Optional.empty();
	}

	/** How long a password check for this e-mail waits before it runs: grows with failures from anywhere. */
	Duration delayFor(String email) {
		long failures = this.counters.current(FROM_ANYWHERE, EmailAddress.normalize(email)).value();
		if (failures < this.maxFailures) {
			return Duration.ZERO;
		}
		long doublings = Math.min(failures - this.maxFailures, 20);
		Duration delay = this.delayStep.multipliedBy(1L << doublings);
		return delay.compareTo(this.maxDelay) > 0 ? this.maxDelay : delay;
	}

	/** Waits out the e-mail's delay; the caller then checks the password. */
	void slowDown(String email) {
		Duration delay = delayFor(email);
		if (!delay.isZero()) {
			try {
				Thread.sleep(delay.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Transactional
	void recordFailure(String email, InetAddress client) {
		String normal = EmailAddress.normalize(email);
		this.counters.increment(FROM_ANYWHERE, normal, this.duration);
		RedisCounters.Count failures = this.counters.increment(FROM_ADDRESS, fromAddress(normal, client), this.duration);
		if (failures.value() == this.maxFailures) {
			this.counters.extend(FROM_ADDRESS, fromAddress(normal, client), this.duration);
			this.audit.record(new AuditEntry(null, normal, "SIGN_IN_LOCKED", "email", normal, null, null,
					Map.of("failures", failures.value(), "minutes", this.duration.toMinutes())));
		}
	}

	/** A right password from this address: its failures are forgiven (others' stay until they expire). */
	void recordSuccess(String email, InetAddress client) {
		this.counters.reset(FROM_ADDRESS, fromAddress(email, client));
	}

	private static String fromAddress(String email, InetAddress client) {
		return EmailAddress.normalize(email) + " from " + (client == null ? "unknown" : client.getHostAddress());
	}

}
