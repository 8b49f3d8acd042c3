package com.aventian.portal.account;

/** A profile change refused; {@code field} says which form field the message belongs to. */
public class ProfileException extends RuntimeException {

	private final String field;

	public ProfileException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}
