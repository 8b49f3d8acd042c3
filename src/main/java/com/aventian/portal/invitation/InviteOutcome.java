package com.aventian.portal.invitation;

import java.util.List;

/** What an invite submission did: who got a mail, and who did not and why. */
public record InviteOutcome(List<String> sent, List<Refused> refused) {

	public record Refused(String entry, String reason) {
	}

}
