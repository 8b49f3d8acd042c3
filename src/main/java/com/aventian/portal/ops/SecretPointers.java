package com.aventian.portal.ops;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Records in {@code tbl_secret_pointers} which Secret Manager secret and version each of the portal's
 * secrets was read from ({@link SecretSources}), never a value, so an operator rotating a secret sees what
 * the running instances use. Written when the application is ready (the schema is migrated by then).
 */
@Component
class SecretPointers {

	private static final Logger log = LoggerFactory.getLogger(SecretPointers.class);

	private final SecretPointerMapper mapper;

	private final Environment environment;

	SecretPointers(SecretPointerMapper mapper, Environment environment) {
		this.mapper = mapper;
		this.environment = environment;
	}

	@EventListener(ApplicationReadyEvent.class)
	void recordInUse() {
		record(Binder.get(this.environment)
			.bind(SecretSources.IN_USE_PREFIX.substring(0, SecretSources.IN_USE_PREFIX.length() - 1),
					Bindable.mapOf(String.class, InUse.class))
			.orElse(Map.of()));
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
