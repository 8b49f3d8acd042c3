package com.aventian.portal.provisioning;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code aventian.provisioning.*}: the tenant PostgreSQL server where each subscription gets its database (or
 * schema) and login (JDBC URL of an administrative database, and a role allowed to create roles and databases),
 * the host and port products are told to connect to (by default those of the URL), the isolation of new
 * subscriptions and the shared database holding their schemas under {@link Isolation#SCHEMA}, each login's
 * connection limit, and how long a cancelled subscription's database is kept before it is dropped.
 */
@ConfigurationProperties("aventian.provisioning")
record ProvisioningProperties(Tenant tenant, @DefaultValue("DATABASE") Isolation isolation,
		@DefaultValue("avn_tenants") String sharedDatabase, int connectionLimit, Duration retention) {

	record Tenant(String url, String username, String password, String publicHost, Integer publicPort) {

		@Override
		public String toString() {
			return "Tenant[url=" + this.url + ", username=" + this.username + "]";
		}

	}

}
