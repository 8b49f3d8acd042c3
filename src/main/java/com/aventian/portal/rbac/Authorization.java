package com.aventian.portal.rbac;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

/**
 * The one authorization service: every privilege check of the portal (the team gate, the services'
 * rules) and the products' API goes through it, by privilege code, never by role name. A grant taken
 * away counts from the very next request: the cache is invalidated before the change commits.
 */
@Service
public class Authorization {

	private final AuthorizationMapper mapper;

	private final RoleCache cache;

	Authorization(AuthorizationMapper mapper, RoleCache cache) {
		this.mapper = mapper;
		this.cache = cache;
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
	 * The user's grants in the team if the cache holds them, else empty (nothing is read from PostgreSQL): for a
	 * caller that must spend the same on every user it is not told about (the products' API, see there).
	 */
	public Optional<EffectivePrivileges> cached(UUID userId, UUID teamId) {
		return this.cache.peek(userId, teamId);
	}

	private EffectivePrivileges load(UUID userId, UUID teamId) {
		List<AuthorizationMapper.GrantRow> rows = this.mapper.findEffectivePrivileges(userId, teamId);
		if (rows.isEmpty()) {
			return EffectivePrivileges.none(userId, teamId);
		}
		AuthorizationMapper.GrantRow first = rows.get(0);
		List<Grant> grants = rows.stream()
			.filter((row) -> row.privilege() != null)
			.map(AuthorizationMapper.GrantRow::grant)
			.filter(Objects::nonNull)
			.toList();
		return new EffectivePrivileges(userId, teamId, first.team(), first.memberEmail(), first.memberName(),
				first.memberStatus(), first.products(), grants);
	}

	/** {@code resourceId} null: a team-wide check, which only team-wide grants pass. */
	public boolean can(UUID userId, UUID teamId, String privilege, UUID resourceId) {
		return of(userId, teamId).can(privilege, resourceId);
	}

	public Explanation explain(UUID userId, UUID teamId, String privilege, UUID resourceId) {
		return of(userId, teamId).explain(privilege, resourceId);
	}

}
