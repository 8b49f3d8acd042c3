package com.aventian.portal.apikey;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.ibatis.annotations.Mapper;

@Mapper
interface ApiKeyMapper {

	Optional<Product> findProduct(UUID productId);

	List<ApiKey> findKeysOfProduct(UUID productId);

	Optional<ApiKey> findKey(UUID productId, UUID keyId);

	Optional<StoredKey> findKeyByHash(byte[] keyHash);

	/** The hashes of the product's keys (all of them, or the one with {@code keyId}): what the key cache is keyed by. */
	List<byte[]> findKeyHashes(UUID productId, UUID keyId);

	void insertKey(UUID id, UUID productId, String name, String prefix, byte[] keyHash, UUID createdBy,
			Instant createdAt, Instant expiresAt);

	int updateKeyRevoked(UUID productId, UUID keyId, UUID revokedBy, Instant revokedAt);

	/** Writes the last use unless another call (on any instance) wrote it within the minute. */
	int updateKeyLastUsed(UUID keyId, Instant usedAt, Instant unlessAfter);

	/** The product a key belongs to, as the admin page names it. */
	record Product(UUID id, String code, String name, String status) {
	}

	/** A key found by its hash, with what decides whether it may call. */
	record StoredKey(UUID id, UUID productId, String productCode, String productStatus, String prefix,
			Instant expiresAt, Instant revokedAt) {

		/** Neither revoked nor of a retired product (expiry aside, which depends on when it is asked). */
		boolean mayCall() {
			return this.revokedAt == null && "ACTIVE".equals(this.productStatus);
		}

	}

}
