package com.aventian.portal.product;

import java.util.LinkedHashMap;
import java.util.Map;

/** Audit details of the platform admin pages: what a thing was and what it became ({@code null}: did not exist). */
final class Snapshots {

	private Snapshots() {
	}

	static Map<String, Object> change(Object before, Object after) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("before", before);
		details.put("after", after);
		return details;
	}

	static Map<String, Object> of(Product product) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("code", product.code());
		fields.put("name", product.name());
		fields.put("description", product.description());
		fields.put("provisioningScriptPath", product.provisioningScriptPath());
		fields.put("dashboardUrl", product.dashboardUrl());
		fields.put("allowedResourceTypes", product.allowedResourceTypes());
		fields.put("status", product.status());
		return fields;
	}

	static Map<String, Object> of(ProductPrivilege privilege) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("code", privilege.code());
		fields.put("description", privilege.description());
		fields.put("resourceType", privilege.resourceType());
		return fields;
	}

}
