package com.aventian.portal.audit;

/** The actions {@code tbl_login_activity} records (its check constraint lists the same). */
public enum LoginAction {

	LOGIN, LOGIN_FAILED, LOGOUT, INVITATION_ACCEPTED, TEAM_SWITCHED

}
