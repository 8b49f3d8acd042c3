package com.aventian.portal.provisioning;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code aventian.provisioning.*}: the tenant PostgreSQL server where each subscription gets its database and
 * login (JDBC URL of an administrative database, and a role allowed to create roles and databases), the
 * host and port products are told to connect to (by default those of the URL), each login's connection
 * limit, and how long a cancelled subscription's database is kept before it is dropped.
 */
@ConfigurationProperties("aventian.provisioning")
record ProvisioningProperties(Tenant tenant, int connectionLimit, Duration retention) {

	record Tenant(String url, String username, String password, String publicHost, Integer publicPort) {

		@Override
		public String toString() {
			return "Tenant[url=" + this.url + ", username=" + this.username + "]";
		}

	}

}
