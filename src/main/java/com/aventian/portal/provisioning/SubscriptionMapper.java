package com.aventian.portal.provisioning;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.ibatis.annotations.Mapper;

@Mapper
interface SubscriptionMapper {

	List<CatalogueEntry> findCatalogue(UUID teamId);

	Optional<CatalogueEntry> findCatalogueEntry(UUID teamId, UUID productId);

	Optional<CatalogueEntry> findCatalogueEntryOfSubscription(UUID teamId, UUID subscriptionId);

	Optional<ProductRow> findProduct(UUID productId);

	Optional<Subscription> findSubscription(UUID id);

	Optional<Subscription> findSubscriptionOfTeam(UUID teamId, UUID productId);

	Optional<Subscription> lockSubscription(UUID id);

	boolean insertSubscription(UUID id, UUID teamId, UUID productId, Instant now);

	int restartSubscription(UUID id, Instant now);

	int startAttempt(UUID id, TenantNames names, Instant now);

	int updateStepsDone(UUID id, int stepsDone, Instant now);

	int markActive(UUID id, Instant now);

	int markFailed(UUID id, String reason, Instant now);

	int cancelSubscription(UUID id, Instant now, Instant dropAfter);

	int markDropped(UUID id, Instant now);

	int upsertConnection(UUID subscriptionId, byte[] encrypted, long keyId, Instant now);

	Optional<ConnectionRow> findActiveConnection(UUID teamId, UUID productId);

	Optional<ConnectionRow> findConnectionOfSubscription(UUID subscriptionId);

	int deleteConnection(UUID subscriptionId);

	List<ConnectionRow> findConnectionsNotUnderKey(long keyId, int limit);

	int updateCiphertext(UUID id, long oldKeyId, byte[] encrypted, long keyId, Instant now);

	List<KeyCount> countConnectionsByKey();

	/** Whether billing still runs for the subscription (a plan's subscription not yet ended by billing). */
	boolean isPaidOnAPlan(UUID id);

	record KeyCount(long keyId, int valueCount) {

	}

	record ProductRow(UUID id, String code, String name, String status, String provisioningScriptPath) {

	}

	/** A stored connection: still encrypted. */
	record ConnectionRow(UUID id, UUID teamId, UUID productId, UUID assocId, byte[] encryptedConnection, long keyId) {

		@Override
		public String toString() {
			return "ConnectionRow[" + this.id + ", key " + this.keyId + "]";
		}

	}

}
