package com.aventian.portal.throttle;

/** Actions whose attempts are counted per submitted e-mail and per client address. */
public enum ThrottledAction {

	SIGN_IN, SIGN_UP, RESEND_VERIFICATION, PASSWORD_RESET, CHANGE_EMAIL

}
