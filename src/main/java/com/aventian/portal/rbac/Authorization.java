package com.aventian.portal.rbac;

import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

/**
 * The one authorization service: every privilege check of the portal (the team gate, the services'
 * rules) and the products' API goes through it, by privilege code, never by role name. A grant taken
 * away counts from the very next request: the cache is invalidated before the change commits.
 */
@Service
public class Authorization {

	private static final TypeReference<List<Grant>> GRANTS = new TypeReference<>() {
	};

	private final AuthorizationMapper mapper;

	private final RoleCache cache;

	private final JsonMapper json;

	Authorization(AuthorizationMapper mapper, RoleCache cache, JsonMapper json) {
		this.mapper = mapper;
		this.cache = cache;
		this.json = json;
	}

	/**
	 * The user's grants in the team, each with its scope; nothing for a non-member or a deleted team. From
	 * the Redis cache when it holds them ({@link RoleCache}: invalidated by every change before it commits),
	 * else one query.
	 */
	public EffectivePrivileges of(UUID userId, UUID teamId) {
		return this.cache.get(userId, teamId, () -> load(userId, teamId));
	}

	/**
	 * One read of the cache for the user's grants in the team ({@link PrivilegesLookup}: found, or not), nothing read
	 * from PostgreSQL: for a caller that must spend the same on every user it is not told about (the products' API,
	 * see there), and loads with {@link #of(PrivilegesLookup)} only when it must, without reading the cache again.
	 */
	public PrivilegesLookup cached(UUID userId, UUID teamId) {
		return this.cache.look(userId, teamId);
	}

	/**
	 * The grants the lookup found, else one query, stored in the cache under the version the lookup saw (an answer
	 * read before a change that began after the lookup is never stored).
	 */
	public EffectivePrivileges of(PrivilegesLookup lookup) {
		return this.cache.load(lookup, () -> load(lookup.userId(), lookup.teamId()));
	}

	/**
	 * The user's grants in the team from PostgreSQL (one query) even if the lookup found them cached, stored under
	 * the lookup's version if it missed and {@code stored} accepts them: for a caller that must run the same
	 * statements, and send Redis the same commands, whatever the cache holds (the products' API on a team it may not
	 * see, whose grants it does not store, see there).
	 */
	public EffectivePrivileges fromDatabase(PrivilegesLookup lookup, Predicate<EffectivePrivileges> stored) {
		return this.cache.reload(lookup, () -> load(lookup.userId(), lookup.teamId()), stored);
	}

	private EffectivePrivileges load(UUID userId, UUID teamId) {
		return this.mapper.findEffectivePrivileges(userId, teamId)
			.map((member) -> new EffectivePrivileges(userId, teamId, member.team(), member.memberEmail(),
					member.memberName(), member.memberStatus(), member.products(),
					this.json.readValue(member.grants(), GRANTS), member.teamMemberCount(), member.homeRoles()))
			.orElseGet(() -> EffectivePrivileges.none(userId, teamId));
	}

	/** {@code resourceId} null: a team-wide check, which only team-wide grants pass. */
	public boolean can(UUID userId, UUID teamId, String privilege, UUID resourceId) {
		return of(userId, teamId).can(privilege, resourceId);
	}

	public Explanation explain(UUID userId, UUID teamId, String privilege, UUID resourceId) {
		return of(userId, teamId).explain(privilege, resourceId);
	}

}
