package com.aventian.portal.throttle;

import java.time.Duration;

/** Too many attempts: answered with 429 and the time after which trying again makes sense. */
public class ThrottledException extends RuntimeException {

	private final Duration retryAfter;

	public ThrottledException(Duration retryAfter) {
		super("Too many attempts; retry after " + retryAfter);
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

	/** Whole minutes, rounded up, as people read them. */
	public long retryAfterMinutes() {
		return Math.max(1, (this.retryAfter.toSeconds() + 59) / 60);
	}

}
