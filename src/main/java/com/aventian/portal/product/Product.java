package com.aventian.portal.product;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A product of the platform ({@code tbl_master_products}). Its resource types travel as one comma-separated
 * text (a type is lowercase letters, digits, dashes and underscores), so the mapper needs no array handler.
 */
public record Product(UUID id, String code, String name, String description, String provisioningScriptPath,
		String dashboardUrl, String resourceTypes, String status, int version, long teams) {

	public static final String ACTIVE = "ACTIVE";

	public static final String RETIRED = "RETIRED";

	public List<String> allowedResourceTypes() {
		return (this.resourceTypes == null || this.resourceTypes.isEmpty()) ? List.of()
				: Arrays.asList(this.resourceTypes.split(","));
	}

	public boolean retired() {
		return RETIRED.equals(this.status);
	}

}
