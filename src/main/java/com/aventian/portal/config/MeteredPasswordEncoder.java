package com.aventian.portal.config;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Counts password hash work ({@code aventian.password.hashes}, by operation): hashing is the costliest
 * thing a sign-in does, so operators watch its rate, and tests prove that an unknown e-mail costs the
 * same work as a known one without timing anything. Also the CPU time each hash took on its thread
 * ({@code aventian.password.hash.cpu}, by operation; waiting for a hashing permit costs none): the floor of
 * a sign-in's cost, measured in the running portal, so the benchmark compares a sign-in's CPU with the hash's
 * CPU of the same process, load and moment rather than with a figure taken elsewhere.
 */
class MeteredPasswordEncoder implements PasswordEncoder {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private final PasswordEncoder delegate;

	private final Counter encodes;

	private final Counter matches;

	private final Timer encodeCpu;

	private final Timer matchesCpu;

	MeteredPasswordEncoder(PasswordEncoder delegate, MeterRegistry registry) {
		this.delegate = delegate;
		this.encodes = Counter.builder("aventian.password.hashes").tag("operation", "encode").register(registry);
		this.matches = Counter.builder("aventian.password.hashes").tag("operation", "matches").register(registry);
		this.encodeCpu = cpuTimer("encode", registry);
		this.matchesCpu = cpuTimer("matches", registry);
	}

	@Override
	public String encode(CharSequence rawPassword) {
		this.encodes.increment();
		return onCpu(this.encodeCpu, () -> this.delegate.encode(rawPassword));
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		this.matches.increment();
		return onCpu(this.matchesCpu, () -> this.delegate.matches(rawPassword, encodedPassword));
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return this.delegate.upgradeEncoding(encodedPassword);
	}

	private static Timer cpuTimer(String operation, MeterRegistry registry) {
		return Timer.builder("aventian.password.hash.cpu")
			.description("CPU time of one password hash on its thread")
			.tag("operation", operation)
			.register(registry);
	}

	private static <T> T onCpu(Timer timer, Supplier<T> hash) {
		if (!THREADS.isCurrentThreadCpuTimeSupported()) {
			return hash.get();
		}
		long before = THREADS.getCurrentThreadCpuTime();
		try {
			return hash.get();
		}
		finally {
			timer.record(THREADS.getCurrentThreadCpuTime() - before, TimeUnit.NANOSECONDS);
		}
	}

}
