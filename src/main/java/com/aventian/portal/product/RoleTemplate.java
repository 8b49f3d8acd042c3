package com.aventian.portal.product;

import java.util.UUID;

/**
 * A role template: the platform's ({@code productId} null, copied into every new team) or a product's (copied
 * into a team that gets the product). {@code copies}: team roles made from it.
 */
public record RoleTemplate(UUID id, UUID productId, String name, String description, int sortOrder, boolean system,
		boolean visible, boolean creatorDefault, boolean invitationDefault, int version, long copies, String privileges) {

}
