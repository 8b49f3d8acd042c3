package com.aventian.portal.team;

import java.util.UUID;

/** A team was soft-deleted; published inside the deleting transaction. */
public record TeamDeleted(UUID teamId, UUID actorId, String actorEmail) {
}
