package com.aventian.portal.team;

import java.util.UUID;

/** What a team's home page shows its member. */
public record TeamHome(UUID id, String name, String slug, String myRoles, int memberCount) {
}
