package com.aventian.portal.account;

/** The signed-in user's account no longer exists; the session is ended and the person signs in again. */
public class AccountGoneException extends RuntimeException {

	public AccountGoneException() {
		super("The signed-in account no longer exists");
	}

}
