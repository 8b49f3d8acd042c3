package com.aventian.portal.rbac;

import com.aventian.portal.team.TeamRuleException;

/** An edit naming a role version that is no longer current: the page shows the current state instead. */
public class StaleRoleException extends TeamRuleException {

	StaleRoleException(String message) {
		super(message);
	}

}
