package com.aventian.portal.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Counts password hash work ({@code aventian.password.hashes}, by operation): hashing is the costliest
 * thing a sign-in does, so operators watch its rate, and tests prove that an unknown e-mail costs the
 * same work as a known one without timing anything.
 */
class MeteredPasswordEncoder implements PasswordEncoder {

	private final PasswordEncoder delegate;

	private final Counter encodes;

	private final Counter matches;

	MeteredPasswordEncoder(PasswordEncoder delegate, MeterRegistry registry) {
		this.delegate = delegate;
		this.encodes = Counter.builder("aventian.password.hashes").tag("operation", "encode").register(registry);
		this.matches = Counter.builder("aventian.password.hashes").tag("operation", "matches").register(registry);
	}

	@Override
	public String encode(CharSequence rawPassword) {
		this.encodes.increment();
		return this.delegate.encode(rawPassword);
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		this.matches.increment();
		return this.delegate.matches(rawPassword, encodedPassword);
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return this.delegate.upgradeEncoding(encodedPassword);
	}

}
