package com.aventian.portal.team;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The user named is not a member of this team (404, like a team that does not exist). */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class MemberNotFoundException extends RuntimeException {

	public MemberNotFoundException() {
		super("No such member in this team");
	}

}
