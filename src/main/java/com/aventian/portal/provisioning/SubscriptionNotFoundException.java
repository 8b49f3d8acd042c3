package com.aventian.portal.provisioning;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No such subscription of this team (another team's looks the same): 404. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class SubscriptionNotFoundException extends RuntimeException {

	SubscriptionNotFoundException() {
		super("No such subscription");
	}

}
