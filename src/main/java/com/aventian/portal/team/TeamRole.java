package com.aventian.portal.team;

import java.util.UUID;

/** A role of a team that members can be given. */
public record TeamRole(UUID id, String name, String description) {
}
