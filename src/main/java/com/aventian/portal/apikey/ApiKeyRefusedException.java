package com.aventian.portal.apikey;

/** A key that cannot be made as asked; the message is for the admin page. */
public class ApiKeyRefusedException extends RuntimeException {

	ApiKeyRefusedException(String message) {
		super(message);
	}

}
