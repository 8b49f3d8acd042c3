package com.aventian.portal.invitation;

import java.util.List;

/** An invitation in a team's list, with its history. */
public record InvitationListing(InvitationView invitation, List<InvitationEvent> history) {
}
