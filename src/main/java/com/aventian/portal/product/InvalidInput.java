package com.aventian.portal.product;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What was wrong with a form, field by field, found by a service before it wrote anything; the page shows
 * each message beside its field and keeps what was typed.
 */
public class InvalidInput extends RuntimeException {

	private final Map<String, String> fields;

	InvalidInput(Map<String, String> fields) {
		super(String.join(" ", fields.values()));
		this.fields = Map.copyOf(fields);
	}

	static InvalidInput of(String field, String message) {
		return new InvalidInput(Map.of(field, message));
	}

	public Map<String, String> fields() {
		return this.fields;
	}

	/** Collects messages; {@link #throwIfAny()} refuses the whole form when there is one. */
	static final class Collector {

		private final Map<String, String> fields = new LinkedHashMap<>();

		void add(String field, String message) {
			this.fields.putIfAbsent(field, message);
		}

		void throwIfAny() {
			if (!this.fields.isEmpty()) {
				throw new InvalidInput(this.fields);
			}
		}

	}

}
