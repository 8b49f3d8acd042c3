package com.aventian.portal.apikey;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No such product, or no such key of that product. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class ApiKeyNotFoundException extends RuntimeException {

	ApiKeyNotFoundException() {
		super("No such product or key");
	}

}
