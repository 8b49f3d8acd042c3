package com.aventian.portal.team;

import java.time.Instant;
import java.util.UUID;

/** A team as one of its members sees it in lists: with that member's visible roles. */
public record TeamOfUser(UUID id, String name, String roleNames, Instant joinedAt) {
}
