package com.aventian.portal.provisioning;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.aventian.portal.audit.AuditEntry;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.crypto.Binding;
import com.aventian.portal.crypto.ConnectionCipher;
import com.aventian.portal.crypto.Sealed;
import com.aventian.portal.provisioning.DbConnectionCache.Entry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A product's view of a team's database: the decrypted connection of the team's active subscription to
 * that product, and to no other product. The encrypted value comes from the cache or PostgreSQL; it is
 * opened only here, for the response, and each access is audited.
 */
@Service
public class DbConnections {

	private final SubscriptionMapper mapper;

	private final DbConnectionCache cache;

	private final ConnectionCipher cipher;

	private final AuditLog audit;

	private final JsonMapper json;

	DbConnections(SubscriptionMapper mapper, DbConnectionCache cache, ConnectionCipher cipher, AuditLog audit,
			JsonMapper json) {
		this.mapper = mapper;
		this.cache = cache;
		this.cipher = cipher;
		this.audit = audit;
		this.json = json;
	}

	/**
	 * The connection for the calling product, audited as read by {@code caller} (the key's prefix). Empty
	 * when the team has no active subscription to it; {@link #statusOf} tells why.
	 */
	@Transactional
	public Optional<DbConnection> read(UUID teamId, UUID productId, String caller) {
		Optional<Entry> entry = this.cache.get(teamId, productId,
				() -> this.mapper.findActiveConnection(teamId, productId)
					.map((row) -> new Entry(row.assocId(), new Sealed(row.encryptedConnection(), row.keyId()))));
		if (entry.isEmpty()) {
			return Optional.empty();
		}
		byte[] plain = this.cipher.open(entry.get().sealed(), new Binding(teamId, productId, entry.get().subscriptionId()));
		DbConnection connection = this.json.readValue(plain, DbConnection.class);
		this.audit.record(AuditEntry.of(null, caller, "DB_CONNECTION_READ", SubscriptionStates.TARGET, entry.get().subscriptionId())
			.inTeam(teamId)
			.forProduct(productId)
			.withDetails(Map.of("keyId", entry.get().sealed().keyId())));
		return Optional.of(connection);
	}

	/** The status of the team's subscription to the product (empty: none, or the team is gone). */
	public Optional<String> statusOf(UUID teamId, UUID productId) {
		return this.mapper.findSubscriptionOfTeam(teamId, productId).map(Subscription::status);
	}

}
