package com.aventian.portal.rbac;

import java.util.UUID;

/** A resource instance a team registered, to which a grant can be narrowed. */
public record TeamResource(UUID id, UUID productId, String resourceType, String displayName) {

	/** "contact 'ACME'", as grants name their scope. */
	public String label() {
		return this.resourceType + " '" + this.displayName + "'";
	}

}
