package com.aventian.portal.config;

import java.util.concurrent.Semaphore;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * At most {@code permits} password hashes at once, the others wait their turn (first come, first served).
 * An Argon2id hash holds 19 MiB of heap and a core for about 50 ms: a flood of sign-ins on 200 request
 * threads would ask for almost 4 GB at once and end the JVM (out of memory), or take every core from the
 * requests that only read a session. More hashes at once than cores finish no sooner, so the portal runs
 * as many as it has cores; sign-ins queue, every other request keeps its share of the machine.
 */
class BoundedPasswordHashing implements PasswordEncoder {

	private final PasswordEncoder delegate;

	private final Semaphore permits;

	BoundedPasswordHashing(PasswordEncoder delegate, int permits) {
		this.delegate = delegate;
		this.permits = new Semaphore(permits, true);
	}

	@Override
	public String encode(CharSequence rawPassword) {
		this.permits.acquireUninterruptibly();
		try {
			return this.delegate.encode(rawPassword);
		}
		finally {
			this.permits.release();
		}
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		this.permits.acquireUninterruptibly();
		try {
			return this.delegate.matches(rawPassword, encodedPassword);
		}
		finally {
			this.permits.release();
		}
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return this.delegate.upgradeEncoding(encodedPassword);
	}

}
