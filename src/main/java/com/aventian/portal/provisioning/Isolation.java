package com.aventian.portal.provisioning;

/**
 * Where a subscription's objects live on the tenant server ({@code aventian.provisioning.isolation}): a database of
 * its own, or a schema of the shared tenant database. Recorded on the subscription when its first run starts.
 */
enum Isolation {

	/** A database of its own, which only the subscription's login may connect to. */
	DATABASE,

	/** A schema of the shared tenant database, owned by the subscription's login and closed to every other. */
	SCHEMA

}
