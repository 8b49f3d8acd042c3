package com.aventian.portal.billing;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A plan, subscription or invoice that does not exist, or not in the caller's team: 404 alike. */
@ResponseStatus(HttpStatus.NOT_FOUND)
class BillingNotFoundException extends RuntimeException {

	BillingNotFoundException() {
		super("Not found");
	}

}
