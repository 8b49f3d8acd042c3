package com.aventian.portal.ops;

import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/** {@code /actuator/info}: the schema version and the environment the portal runs in. */
@Component
class PortalInfoContributor implements InfoContributor {

	private final SchemaVersion schemaVersion;

	private final String environment;

	PortalInfoContributor(SchemaVersion schemaVersion, @Value("${aventian.environment}") String environment) {
		this.schemaVersion = schemaVersion;
		this.environment = environment;
	}

	@Override
	public void contribute(Info.Builder builder) {
		builder.withDetail("schema", Map.of("version", this.schemaVersion.value()));
		builder.withDetail("environment", this.environment);
		builder.withDetail("instance", "avn-" + this.environment);
	}

}
