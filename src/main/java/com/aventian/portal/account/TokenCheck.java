package com.aventian.portal.account;

/** The state of a presented link: usable, or why not. */
record TokenCheck(State state, EmailToken token) {

	enum State {

		VALID, EXPIRED, USED, INVALID

	}

	static TokenCheck invalid() {
		return new TokenCheck(State.INVALID, null);
	}

	boolean isValid() {
		return this.state == State.VALID;
	}

}
