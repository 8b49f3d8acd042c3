package com.aventian.portal.billing;

import java.util.LinkedHashMap;
import java.util.Map;

/** Input the billing rules refuse: a message per field (or {@code ""} for the whole form), shown as is. */
public class BillingInputException extends RuntimeException {

	private final Map<String, String> problems;

	BillingInputException(Map<String, String> problems) {
		super(String.join(" ", problems.values()));
		this.problems = Map.copyOf(problems);
	}

	static BillingInputException of(String message) {
		return new BillingInputException(Map.of("", message));
	}

	public Map<String, String> problems() {
		return this.problems;
	}

	/** Gathers every problem of a form before refusing it, so the person sees them all at once. */
	static final class Problems {

		private final Map<String, String> problems = new LinkedHashMap<>();

		void add(String field, String message) {
			this.problems.putIfAbsent(field, message);
		}

		boolean has(String field) {
			return this.problems.containsKey(field);
		}

		void throwIfAny() {
			if (!this.problems.isEmpty()) {
				throw new BillingInputException(this.problems);
			}
		}

	}

}
