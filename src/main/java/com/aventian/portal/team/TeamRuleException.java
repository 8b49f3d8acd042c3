package com.aventian.portal.team;

/** A team change the rules refuse; its message is shown to the person as it is. */
public class TeamRuleException extends RuntimeException {

	public TeamRuleException(String message) {
		super(message);
	}

}
