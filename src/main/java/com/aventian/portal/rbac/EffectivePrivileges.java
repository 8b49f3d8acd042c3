package com.aventian.portal.rbac;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.aventian.portal.team.Team;

/**
 * What one user may do in one team, read in one query: the union of their grants, each keeping its
 * scope. A team-wide grant counts everywhere in the team; a grant narrowed to resource R counts only for
 * a check that names R. A non-member (or a deleted team) has nothing: {@link #member()} is false.
 */
public final class EffectivePrivileges {

	private final UUID userId;

	private final UUID teamId;

	private final Team team;

	private final String memberEmail;

	private final String memberName;

	private final String memberStatus;

	private final List<TeamProduct> products;

	private final List<Grant> grants;

	private final Set<String> teamWide;

	private final int teamMemberCount;

	private final String homeRoles;

	EffectivePrivileges(UUID userId, UUID teamId, Team team, String memberEmail, String memberName, String memberStatus,
			List<TeamProduct> products, List<Grant> grants, int teamMemberCount, String homeRoles) {
		this.userId = userId;
		this.teamId = teamId;
		this.team = team;
		this.memberEmail = memberEmail;
		this.memberName = memberName;
		this.memberStatus = memberStatus;
		this.products = List.copyOf(products);
		this.grants = List.copyOf(grants);
		this.teamWide = this.grants.stream()
			.filter(Grant::teamWide)
			.map(Grant::privilege)
			.collect(Collectors.toUnmodifiableSet());
		this.teamMemberCount = teamMemberCount;
		this.homeRoles = homeRoles;
	}

	static EffectivePrivileges none(UUID userId, UUID teamId) {
		return new EffectivePrivileges(userId, teamId, null, null, null, null, List.of(), List.of(), 0, null);
	}

	public UUID userId() {
		return this.userId;
	}

	public UUID teamId() {
		return this.teamId;
	}

	public boolean member() {
		return this.team != null;
	}

	/** The team, as loaded with the grants; null for a non-member. */
	public Team team() {
		return this.team;
	}

	/**
	 * Whether the member's account is active. The portal's pages never see a disabled account (it is
	 * signed out); checks on behalf of someone else (an inviter, the products' API) must ask.
	 */
	public boolean active() {
		return "ACTIVE".equals(this.memberStatus);
	}

	/** The member's account status ({@code ACTIVE}, {@code DISABLED}...); null for a non-member. */
	public String memberStatus() {
		return this.memberStatus;
	}

	/** The member's e-mail address; null for a non-member. */
	public String memberEmail() {
		return this.memberEmail;
	}

	/** The products the team has (associations not cancelled) with their statuses; empty for a non-member. */
	public List<TeamProduct> products() {
		return this.products;
	}

	/** The team's subscription to the product, if it has it (empty for a non-member). */
	public Optional<TeamProduct> product(UUID productId) {
		for (TeamProduct product : this.products) {
			if (product.productId().equals(productId)) {
				return Optional.of(product);
			}
		}
		return Optional.empty();
	}

	/** The member's display name; null for a non-member. */
	public String memberName() {
		return this.memberName;
	}

	/**
	 * How many members the team has ({@code tbl_teams.member_count}), for team home; 0 for a non-member. Cached with
	 * the grants: every join, removal and leave evicts the whole team's cached values ({@code team.MemberCountChanged}).
	 */
	public int teamMemberCount() {
		return this.teamMemberCount;
	}

	/**
	 * The names of the member's visible team-wide roles in the roles' order, ", " between them (empty for none), as
	 * team home shows them: roles without privileges included, unlike {@link #grants()}; null for a non-member.
	 */
	public String homeRoles() {
		return this.homeRoles;
	}

	/** Every privilege of every grant of the member (one entry per grant and privilege). */
	public List<Grant> grants() {
		return this.grants;
	}

	/** The privileges the member holds through team-wide grants. */
	public Set<String> teamWide() {
		return this.teamWide;
	}

	/** A team-wide check: only team-wide grants count. */
	public boolean can(String privilege) {
		return this.teamWide.contains(privilege);
	}

	/** A check on one resource (null: a team-wide check): team-wide grants and grants on that resource count. */
	public boolean can(String privilege, UUID resourceId) {
		return resourceId == null ? can(privilege) : this.grants.stream().anyMatch((g) -> g.gives(privilege, resourceId));
	}

	/**
	 * Whether every grant of {@code other} is within this member's reach: each of their team-wide
	 * privileges held team-wide here, each scoped one held here team-wide or on the same resource.
	 */
	public boolean covers(EffectivePrivileges other) {
		return other.grants.stream().allMatch((g) -> can(g.privilege(), g.resourceId()));
	}

	public Explanation explain(String privilege, UUID resourceId) {
		if (!member()) {
			return new Explanation(false, List.of(), "Not a member of this team, so no role grants " + privilege);
		}
		List<Grant> because = this.grants.stream().filter((g) -> g.gives(privilege, resourceId)).toList();
		if (!because.isEmpty()) {
			return new Explanation(true, because, because.stream()
				.map((g) -> g.roleInWords() + " grants " + privilege)
				.distinct()
				.collect(Collectors.joining("; ")));
		}
		String where = (resourceId == null) ? " team-wide" : " on this resource";
		String elsewhere = this.grants.stream()
			.filter((g) -> g.privilege().equals(privilege) && !g.teamWide())
			.map(Grant::roleInWords)
			.distinct()
			.collect(Collectors.joining(", "));
		return new Explanation(false, List.of(), "No role of " + this.memberName + " grants " + privilege + where
				+ (elsewhere.isEmpty() ? "" : " (only " + elsewhere + ")"));
	}

}
