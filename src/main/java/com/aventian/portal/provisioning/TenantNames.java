package com.aventian.portal.provisioning;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The database and login of one subscription, derived from its id: generated, never typed by anyone,
 * stable across reruns (so each step can look for what an earlier run made), and checked against a strict
 * pattern before they are written, quoted, into DDL.
 */
record TenantNames(String database, String role) {

	private static final Pattern SAFE = Pattern.compile("avn_[0-9a-f]{32}");

	static TenantNames of(UUID subscriptionId) {
		String name = "avn_" + subscriptionId.toString().replace("-", "");
		return new TenantNames(name, name);
	}

	TenantNames {
		if (!SAFE.matcher(database).matches() || !SAFE.matcher(role).matches()) {
			throw new IllegalArgumentException("Not a generated tenant name");
		}
	}

	String quotedDatabase() {
		return "\"" + this.database + "\"";
	}

	String quotedRole() {
		return "\"" + this.role + "\"";
	}

}
