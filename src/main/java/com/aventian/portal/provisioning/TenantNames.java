package com.aventian.portal.provisioning;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where one subscription's objects live and its login, derived from its id: generated, never typed by anyone,
 * stable across reruns (so each step can look for what an earlier run made), and checked against a strict pattern
 * before they are written, quoted, into DDL. Under {@link Isolation#DATABASE} the database and the login share the
 * generated name; under {@link Isolation#SCHEMA} the schema and the login do, in the shared tenant database (an
 * operator's setting, checked too, and never a name a subscription's own database could have, so no drop of a
 * subscription can take it).
 */
record TenantNames(Isolation isolation, String database, String role, String schema) {

	private static final Pattern GENERATED = Pattern.compile("avn_[0-9a-f]{32}");

	private static final Pattern SHARED = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

	static TenantNames of(UUID subscriptionId) {
		String name = generated(subscriptionId);
		return new TenantNames(Isolation.DATABASE, name, name, null);
	}

	/** The names under {@code isolation}; {@code sharedDatabase} counts only for {@link Isolation#SCHEMA}. */
	static TenantNames of(UUID subscriptionId, Isolation isolation, String sharedDatabase) {
		if (isolation == Isolation.DATABASE) {
			return of(subscriptionId);
		}
		String name = generated(subscriptionId);
		return new TenantNames(Isolation.SCHEMA, sharedDatabase, name, name);
	}

	TenantNames {
		if (isolation == null || role == null || !GENERATED.matcher(role).matches() || database == null) {
			throw new IllegalArgumentException("Not a generated tenant name");
		}
		if (isolation == Isolation.DATABASE && (!database.equals(role) || schema != null)) {
			throw new IllegalArgumentException("Not a generated tenant name");
		}
		if (isolation == Isolation.SCHEMA && (schema == null || !schema.equals(role) || !isSharedDatabaseName(database))) {
			throw new IllegalArgumentException("Not a generated tenant name in a shared tenant database");
		}
	}

	/** A name the shared tenant database may have: plain, no template, and never one generated for a subscription. */
	static boolean isSharedDatabaseName(String name) {
		return name != null && SHARED.matcher(name).matches() && !GENERATED.matcher(name).matches()
				&& !name.startsWith("template");
	}

	String quotedDatabase() {
		return quote(this.database);
	}

	String quotedRole() {
		return quote(this.role);
	}

	String quotedSchema() {
		return quote(this.schema);
	}

	private static String generated(UUID subscriptionId) {
		return "avn_" + subscriptionId.toString().replace("-", "");
	}

	private static String quote(String name) {
		return "\"" + name + "\"";
	}

}
