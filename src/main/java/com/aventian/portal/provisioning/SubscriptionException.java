package com.aventian.portal.provisioning;

/** A subscription change refused by a rule; the message is for the person on the products page. */
public class SubscriptionException extends RuntimeException {

	SubscriptionException(String message) {
		super(message);
	}

}
