package com.aventian.portal.throttle;

import java.time.Duration;

/** Too many attempts: answered with 429 and the time after which trying again makes sense. */
public class ThrottledException extends RuntimeException {

	private final Duration retryAfter;

	private final String reason;

	public ThrottledException(Duration retryAfter) {
		super("Too many attempts; retry after " + retryAfter);
		this.retryAfter = retryAfter;
		this.reason = null;
	}

	/** With a sentence for the person saying what was counted and what remains, shown on the 429 page. */
	public ThrottledException(Duration retryAfter, String reason) {
		super(reason + " Retry after " + retryAfter);
		this.retryAfter = retryAfter;
		this.reason = reason;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

	public String reason() {
		return this.reason;
	}

	/** Whole minutes, rounded up, as people read them. */
	public long retryAfterMinutes() {
		return Math.max(1, (this.retryAfter.toSeconds() + 59) / 60);
	}

}
