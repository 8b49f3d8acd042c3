package com.aventian.portal.ops;

import java.util.Map;

import com.aventian.portal.crypto.ConnectionCipher;
import com.aventian.portal.crypto.KeysetSecretVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records in {@code tbl_secret_pointers} which Secret Manager secret and version each of the portal's
 * secrets was read from ({@link SecretSources}), never a value, so an operator rotating a secret sees what
 * the running instances use. Written when the application is ready (the schema is migrated by then); the
 * keyset's pointer ({@code crypto-keyset}, where Secret Manager holds it) again whenever a rotation here or
 * on another instance moves it to a new version.
 */
@Component
class SecretPointers {

	private static final Logger log = LoggerFactory.getLogger(SecretPointers.class);

	private final SecretPointerMapper mapper;

	private final Environment environment;

	private final ConnectionCipher cipher;

	private final TransactionTemplate ownTransaction;

	private volatile boolean ready;

	SecretPointers(SecretPointerMapper mapper, Environment environment, ConnectionCipher cipher,
			PlatformTransactionManager transactions) {
		this.mapper = mapper;
		this.environment = environment;
		this.cipher = cipher;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	@EventListener(ApplicationReadyEvent.class)
	void recordInUse() {
		record(Binder.get(this.environment)
			.bind(SecretSources.IN_USE_PREFIX.substring(0, SecretSources.IN_USE_PREFIX.length() - 1),
					Bindable.mapOf(String.class, InUse.class))
			.orElse(Map.of()));
		this.cipher.secretVersion().ifPresent(this::record);
		this.ready = true;
	}

	/**
	 * The keyset moved to another version (a rotation, or another instance's read again). In a transaction of its
	 * own: the pointer is information, and the change that moved it (a rotation) must not fail for it.
	 */
	@EventListener
	void keysetMoved(KeysetSecretVersion version) {
		if (!this.ready) {
			// read at start-up, before the schema may be migrated: recorded once the application is ready
			return;
		}
		try {
			this.ownTransaction.executeWithoutResult((status) -> record(version));
		}
		catch (RuntimeException ex) {
			log.warn("The keyset's secret pointer (version {}) could not be recorded: {}", version.version(),
					ex.getClass().getSimpleName());
		}
	}

	void record(KeysetSecretVersion version) {
		this.mapper.upsertPointer(KeysetSecretVersion.POINTER, version.secretName(), version.version(),
				KeysetSecretVersion.PURPOSE);
		log.info("Keyset read from {} version {}", version.secretName(), version.version());
	}

	void record(Map<String, InUse> inUse) {
		inUse.forEach((key, pointer) -> {
			this.mapper.upsertPointer(key, pointer.secretName(), pointer.version(),
					SecretSources.PROPERTIES.getOrDefault(key, key));
			log.info("Secret {} read from {} version {}", key, pointer.secretName(), pointer.version());
		});
	}

	/** A secret in use: its name (without version) and the version read. */
	record InUse(String secretName, String version) {
	}

}
