package com.aventian.portal.team;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A team that does not exist, or that the caller does not belong to: the two look the same (404). */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class TeamNotFoundException extends RuntimeException {

	public TeamNotFoundException() {
		super("No such team");
	}

}
