package com.aventian.portal.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * The row a ciphertext belongs to, bound into it as AEAD associated data: a value copied to the row of
 * another team, product or subscription does not decrypt there.
 */
public record Binding(UUID teamId, UUID productId, UUID subscriptionId) {

	public Binding {
		Objects.requireNonNull(teamId);
		Objects.requireNonNull(productId);
		Objects.requireNonNull(subscriptionId);
	}

	byte[] associatedData() {
		return ("aventian:team-db-connection:v1:team=" + this.teamId + ":product=" + this.productId + ":subscription="
				+ this.subscriptionId).getBytes(StandardCharsets.UTF_8);
	}

}
