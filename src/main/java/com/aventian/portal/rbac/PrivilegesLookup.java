package com.aventian.portal.rbac;

import java.util.Optional;
import java.util.UUID;

/**
 * One read of the role cache for a member in a team ({@link Authorization#cached}): the privileges it found, or
 * else the hash's version as it was at that read, under which {@link Authorization#of(PrivilegesLookup)} stores
 * what it then loads. The version is read before anything is loaded from PostgreSQL, so the compare-and-set
 * still keeps an answer read before a change from landing after it; a caller that looks first and loads only
 * when it must (the products' API) pays one read of the cache, not two.
 */
public final class PrivilegesLookup {

	private final UUID userId;

	private final UUID teamId;

	private final EffectivePrivileges found;

	/** The version a load may be stored under; null: store nothing (inside a changing transaction, Redis down). */
	private final String version;

	PrivilegesLookup(UUID userId, UUID teamId, EffectivePrivileges found, String version) {
		this.userId = userId;
		this.teamId = teamId;
		this.found = found;
		this.version = version;
	}

	public UUID userId() {
		return this.userId;
	}

	public UUID teamId() {
		return this.teamId;
	}

	/** The member's privileges as cached; empty if the cache does not hold them (never for a non-member). */
	public Optional<EffectivePrivileges> found() {
		return Optional.ofNullable(this.found);
	}

	String version() {
		return this.version;
	}

}
