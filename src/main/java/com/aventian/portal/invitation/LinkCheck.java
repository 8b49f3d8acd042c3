package com.aventian.portal.invitation;

/** What an invitation link is worth to the person holding it. */
public record LinkCheck(State state, Invitation invitation, InvitationView view) {

	public enum State {

		USABLE, ACCEPTED, ALREADY_MEMBER, OTHER_EMAIL, USED, EXPIRED, REVOKED, NO_LONGER_VALID, INVALID,

		/** The team has no room for one more member (its paid seats are taken); the link stays open. */
		TEAM_FULL

	}

	static LinkCheck invalid() {
		return new LinkCheck(State.INVALID, null, null);
	}

	boolean usable() {
		return this.state == State.USABLE;
	}

}
