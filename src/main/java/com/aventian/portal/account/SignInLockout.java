package com.aventian.portal.account;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.aventian.portal.audit.AuditEntry;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.shared.web.ClientAddress;
import com.aventian.portal.throttle.RedisCounters;
import com.aventian.portal.throttle.ThrottledException;

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

	static final int WAITING_PER_ADDRESS = 2;

	private final RedisCounters counters;

	private final AuditLog audit;

	private final int maxFailures;

	private final Duration duration;

	private final Duration delayStep;

	private final Duration maxDelay;

	/** Checks waiting out a delay on this instance, per client address. */
	private final Map<String, Integer> waiting = new ConcurrentHashMap<>();

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

	/**
	 * Counts a password check for this e-mail from this address <em>before</em> it runs, and says how long
	 * it stays refused if the address has used up its checks. Counting first (one atomic increment) is what
	 * holds the limit when an address sends many checks at once: each takes a place, and only
	 * {@code max-failures} places exist until a success frees them. A failure keeps its place.
	 */
	Optional<Duration> admit(String email, InetAddress client) {
		RedisCounters.Count attempts = this.counters.increment(FROM_ADDRESS, fromAddress(email, client), this.duration);
		return (attempts.value() > this.maxFailures) ? Optional.of(attempts.timeLeft()) : Optional.empty();
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

	/**
	 * Waits out the e-mail's delay; the caller then checks the password. The wait holds a server thread, so
	 * an address may have only {@value #WAITING_PER_ADDRESS} checks waiting at once on this instance; more
	 * are refused at once with a {@link ThrottledException} (429). Otherwise a few addresses sending many
	 * checks at once for delayed e-mails would hold every thread and stop the portal for everyone. The owner,
	 * from their own address, never has more than one waiting, so is never refused by this.
	 */
	void slowDown(String email, InetAddress client) {
		Duration delay = delayFor(email);
		if (delay.isZero()) {
			return;
		}
		String address = (client == null) ? "unknown" : ClientAddress.countedAs(client);
		boolean[] admitted = new boolean[1];
		this.waiting.compute(address, (key, count) -> {
			int now = (count == null) ? 0 : count;
			if (now >= WAITING_PER_ADDRESS) {
				return count;
			}
			admitted[0] = true;
			return now + 1;
		});
		if (!admitted[0]) {
			throw new ThrottledException(delay);
		}
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.waiting.computeIfPresent(address, (key, count) -> (count <= 1) ? null : count - 1);
		}
	}

	/** A wrong password from this address, whose check {@link #admit} counted already. */
	@Transactional
	void recordFailure(String email, InetAddress client) {
		String normal = EmailAddress.normalize(email);
		this.counters.increment(FROM_ANYWHERE, normal, this.duration);
		RedisCounters.Count failures = this.counters.current(FROM_ADDRESS, fromAddress(normal, client));
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
		return EmailAddress.normalize(email) + " from " + (client == null ? "unknown" : ClientAddress.countedAs(client));
	}

}
