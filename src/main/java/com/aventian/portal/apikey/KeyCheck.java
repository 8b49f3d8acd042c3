package com.aventian.portal.apikey;

/**
 * What a presented key turned out to be. Only {@link Outcome#VALID} carries a caller; the others say why
 * the request is refused, so a product's operator learns that a key expired rather than guessing.
 */
public record KeyCheck(Outcome outcome, ApiCaller caller) {

	public enum Outcome {

		VALID, MISSING, UNKNOWN, REVOKED, EXPIRED

	}

	static KeyCheck refused(Outcome outcome) {
		return new KeyCheck(outcome, null);
	}

}
