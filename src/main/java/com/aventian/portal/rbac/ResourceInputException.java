package com.aventian.portal.rbac;

import java.util.Map;

/** A resource form refused, field by field, before anything was written. */
public class ResourceInputException extends RuntimeException {

	private final Map<String, String> fields;

	ResourceInputException(Map<String, String> fields) {
		super(String.join(" ", fields.values()));
		this.fields = Map.copyOf(fields);
	}

	public Map<String, String> fields() {
		return this.fields;
	}

}
