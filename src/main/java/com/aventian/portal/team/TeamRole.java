package com.aventian.portal.team;

import java.util.UUID;

/**
 * A role of a team that members can be given; {@code invitationDefault} marks the one an invitation
 * proposes (a flag copied from the role templates, so renaming the role changes nothing).
 */
public record TeamRole(UUID id, String name, String description, boolean invitationDefault) {
}
