package com.aventian.portal.crypto;

import java.util.Base64;

/**
 * A ciphertext and the id of the key that made it (Tink's key id, also in the ciphertext's prefix).
 * Its text form, for a cache, is the key id and the Base64 ciphertext: still encrypted.
 */
public record Sealed(byte[] ciphertext, long keyId) {

	public String toText() {
		return this.keyId + ":" + Base64.getEncoder().encodeToString(this.ciphertext);
	}

	public static Sealed fromText(String text) {
		int colon = text.indexOf(':');
		if (colon < 1) {
			throw new IllegalArgumentException("Not a sealed value");
		}
		return new Sealed(Base64.getDecoder().decode(text.substring(colon + 1)), Long.parseLong(text.substring(0, colon)));
	}

	@Override
	public String toString() {
		return "Sealed[keyId=" + this.keyId + ", " + this.ciphertext.length + " bytes]";
	}

}
