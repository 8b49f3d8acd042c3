package com.aventian.portal.rbac;

import java.util.UUID;

/** A resource instance a team registered (a CRM contact, a dashboard); {@code grants}: roles narrowed to it. */
public record TeamResource(UUID id, UUID teamId, UUID productId, String productCode, String productName, String resourceType,
		String externalId, String displayName, long grants) {

	/** "contact 'ACME'", as grants name their scope. */
	public String label() {
		return this.resourceType + " '" + this.displayName + "'";
	}

}
