package com.aventian.portal.account;

/** An OIDC sign-in we do not turn into a portal session; the reason becomes the message on the sign-in page. */
public class ExternalSignInRefusedException extends RuntimeException {

	public enum Reason {

		NO_VERIFIED_EMAIL, EMAIL_BELONGS_TO_ACCOUNT, ACCOUNT_DISABLED

	}

	private final Reason reason;

	ExternalSignInRefusedException(Reason reason) {
		super(reason.name());
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

}
