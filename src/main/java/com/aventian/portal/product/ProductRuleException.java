package com.aventian.portal.product;

/** A change refused by a rule (changed meanwhile, still in use): the message says why, for the page. */
public class ProductRuleException extends RuntimeException {

	public static final String CHANGED_MEANWHILE = "It was changed by someone else meanwhile; here is what it is now. Make your change again if you still want it.";

	ProductRuleException(String message) {
		super(message);
	}

}
