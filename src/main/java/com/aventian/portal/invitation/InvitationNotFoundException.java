package com.aventian.portal.invitation;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No such invitation in this team (404). */
@ResponseStatus(HttpStatus.NOT_FOUND)
class InvitationNotFoundException extends RuntimeException {

	InvitationNotFoundException() {
		super("No such invitation in this team");
	}

}
