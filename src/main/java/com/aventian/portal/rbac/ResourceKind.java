package com.aventian.portal.rbac;

import java.util.UUID;

/** A resource type the team may register: an allowed type of an active product the team has. */
public record ResourceKind(UUID productId, String productCode, String productName, String resourceType) {

	/** How the kind travels in a form: {@code <product id>/<type>}. */
	public String value() {
		return this.productId + "/" + this.resourceType;
	}

}
