package com.aventian.portal.team;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A member asking for something their roles in the team do not allow (403). */
@ResponseStatus(HttpStatus.FORBIDDEN)
public class TeamPrivilegeMissingException extends RuntimeException {

	public TeamPrivilegeMissingException(String privilege) {
		super("Missing privilege " + privilege);
	}

}
