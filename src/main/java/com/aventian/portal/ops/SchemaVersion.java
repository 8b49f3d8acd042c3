package com.aventian.portal.ops;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

import org.springframework.stereotype.Component;

/**
 * The schema version is Flyway's latest applied migration. Read on first use, which comes after the
 * migrations ran at start-up, then kept: schemas change only with a new deployment.
 */
@Component
public class SchemaVersion {

	private final Flyway flyway;

	private volatile String version;

	SchemaVersion(Flyway flyway) {
		this.flyway = flyway;
	}

	public String value() {
		String known = this.version;
		if (known == null) {
			MigrationInfo current = this.flyway.info().current();
			known = (current != null && current.getVersion() != null) ? current.getVersion().getVersion() : "none";
			this.version = known;
		}
		return known;
	}

}
