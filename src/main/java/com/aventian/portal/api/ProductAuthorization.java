package com.aventian.portal.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.aventian.portal.api.ApiMapper.Pair;
import com.aventian.portal.api.ApiMapper.ResourceRow;
import com.aventian.portal.api.ApiMapper.Subject;
import com.aventian.portal.api.ApiRequests.Check;
import com.aventian.portal.api.ApiViews.Decision;
import com.aventian.portal.api.ApiViews.PrivilegeView;
import com.aventian.portal.api.ApiViews.ResourceView;
import com.aventian.portal.api.ApiViews.RoleView;
import com.aventian.portal.api.ApiViews.UserDetails;
import com.aventian.portal.apikey.ApiCaller;
import com.aventian.portal.rbac.Authorization;
import com.aventian.portal.rbac.EffectivePrivileges;
import com.aventian.portal.rbac.Grant;
import com.aventian.portal.rbac.PrivilegesLookup;

import org.springframework.stereotype.Service;

/**
 * GetUserDetails and authorize for products, on top of {@link Authorization} (and its cache). A product
 * sees a team only while the team has it, sees a user only as a member of such a team, and sees only the
 * platform's privileges and its own: grants of other products' privileges, and roles carrying none it may
 * see, are left out as if they did not exist. A disabled user has nothing.
 */
@Service
class ProductAuthorization {

	private final ApiMapper mapper;

	private final Authorization authorization;

	private final VisiblePrivileges visible;

	ProductAuthorization(ApiMapper mapper, Authorization authorization, VisiblePrivileges visible) {
		this.mapper = mapper;
		this.authorization = authorization;
		this.visible = visible;
	}

	UserDetails details(ApiCaller caller, UUID userId, UUID teamId) {
		// one read of the cache; on a miss its version is what the grants loaded below are stored under
		PrivilegesLookup lookup = this.authorization.cached(userId, teamId);
		EffectivePrivileges privileges = lookup.found().orElse(null);
		Subject subject = (privileges == null) ? null : cachedSubject(caller, privileges).orElse(null);
		if (subject == null) {
			// not cached as a member of a team that has the product: the grants' statement, which tells such a member
			// everything (the team, its products, the account) in one; if it does not show one, the team and user
			// (findSubject) decide the 404. Run whatever the cache held, so a 404 costs the same two statements
			// whoever the user is to the team, and its time does not tell a product who belongs to a team it does
			// not have. Stored only for a team that has the product: else a member's 404 would write to Redis, and warm the
			// next one, where a stranger's does neither.
			privileges = this.authorization.fromDatabase(lookup, (loaded) -> hasProduct(caller, loaded));
			subject = cachedSubject(caller, privileges).orElseThrow(() -> notFound(caller, userId, teamId));
		}
		List<Grant> grants = List.of();
		if (subject.active()) {
			grants = privileges.grants().stream().filter((grant) -> this.visible.visibleTo(caller, grant.privilege())).toList();
		}
		return new UserDetails(new ApiViews.UserView(userId, subject.userEmail(), subject.userName(), subject.userStatus()),
				new ApiViews.TeamView(teamId, subject.teamName()),
				new ApiViews.SubscriptionView(caller.productCode(), subject.subscriptionStatus(),
						subject.billingStatus()), rolesOf(grants),
				privilegesOf(grants));
	}

	/**
	 * The team, the product's subscription and the member as the cached privileges hold them (they are
	 * invalidated with every change of these, as of the grants): empty when they do not tell a member of a team
	 * that has the product, which PostgreSQL then decides ({@link ApiMapper#findSubject}).
	 */
	private static Optional<Subject> cachedSubject(ApiCaller caller, EffectivePrivileges privileges) {
		if (!privileges.member()) {
			return Optional.empty();
		}
		return privileges.product(caller.productId())
			.map((product) -> new Subject(privileges.teamId(), privileges.team().name(), product.status(),
					product.billingStatus(), privileges.userId(), privileges.memberEmail(), privileges.memberName(),
					privileges.memberStatus(), true));
	}

	private static boolean hasProduct(ApiCaller caller, EffectivePrivileges privileges) {
		return privileges.product(caller.productId()).isPresent();
	}

	/**
	 * The 404 of a user the grants' statement did not show as a member of a team that has the product: which one the
	 * team and user as PostgreSQL tells them now decide (a membership or the product that came between the two
	 * statements is not seen by this call, which answers as of the first).
	 */
	private ApiException notFound(ApiCaller caller, UUID userId, UUID teamId) {
		return this.mapper.findSubject(caller.productId(), teamId, userId).isPresent() ? userNotFound() : teamNotFound();
	}

	Decision check(ApiCaller caller, Check check) {
		return checkAll(caller, List.of(check)).get(0);
	}

	/** Every check answered in order; any check naming a foreign team, an unknown user or resource fails the call. */
	List<Decision> checkAll(ApiCaller caller, List<Check> checks) {
		for (int i = 0; i < checks.size(); i++) {
			Check check = checks.get(i);
			if (!this.visible.visibleTo(caller, check.privilege())) {
				throw ApiException.badRequest("foreign_privilege", where(checks, i) + "'" + check.privilege()
						+ "' is neither a privilege of " + caller.productCode() + " nor of the platform.");
			}
			if (check.resourceType() != null && check.resourceId() == null) {
				throw ApiException.badRequest("resource_id_missing", where(checks, i) + "resourceType needs a resourceId.");
			}
		}
		// the privileges of a member of a team that has the product tell the team, the subscription and the account
		// too: from the cache, else from the grants' statement. Every other pair (non-members, foreign teams, unknown
		// users) costs that statement whatever the cache held, then the team and user from PostgreSQL (one statement
		// for all of them), so a 404 costs the same whoever the user is to the team
		Map<Pair, EffectivePrivileges> privileges = new HashMap<>();
		Map<Pair, Subject> subjects = new HashMap<>();
		List<Pair> unknown = new ArrayList<>();
		for (Check check : checks) {
			Pair pair = new Pair(check.teamId(), check.userId());
			if (!privileges.containsKey(pair) && !unknown.contains(pair)) {
				// one read of the cache per pair; on a miss its version is what the grants loaded here are stored under
				PrivilegesLookup lookup = this.authorization.cached(pair.userId(), pair.teamId());
				Optional<EffectivePrivileges> cached = lookup.found();
				Optional<Subject> subject = cached.flatMap((of) -> cachedSubject(caller, of));
				if (subject.isEmpty()) {
					cached = Optional.of(this.authorization.fromDatabase(lookup, (loaded) -> hasProduct(caller, loaded)));
					subject = cachedSubject(caller, cached.get());
				}
				if (subject.isPresent()) {
					privileges.put(pair, cached.get());
					subjects.put(pair, subject.get());
				}
				else {
					unknown.add(pair);
				}
			}
		}
		if (!unknown.isEmpty()) {
			// not shown as members of teams that have the product: told apart for the 404 only (a membership or the
			// product that came after the grants' statement is not seen by this call, which answers as of it)
			for (Subject subject : this.mapper.findSubjects(caller.productId(), unknown)) {
				Pair pair = new Pair(subject.teamId(), subject.userId());
				subjects.put(pair, new Subject(subject.teamId(), subject.teamName(), subject.subscriptionStatus(),
						subject.billingStatus(), subject.userId(), subject.userEmail(), subject.userName(),
						subject.userStatus(), false));
			}
		}
		Set<UUID> resourceIds = checks.stream().map(Check::resourceId).filter(Objects::nonNull).collect(Collectors.toSet());
		Map<UUID, ResourceRow> resources = resourceIds.isEmpty() ? Map.of()
				: this.mapper.findResourcesByIds(caller.productId(), resourceIds)
					.stream()
					.collect(Collectors.toMap(ResourceRow::id, Function.identity()));
		List<Decision> decisions = new ArrayList<>(checks.size());
		for (int i = 0; i < checks.size(); i++) {
			Check check = checks.get(i);
			Pair pair = new Pair(check.teamId(), check.userId());
			Subject subject = subjects.get(pair);
			if (subject == null) {
				throw ApiException.notFound("team_not_found", where(checks, i) + "No such team, or it does not have this product.");
			}
			if (!subject.userExists()) {
				throw ApiException.notFound("user_not_found", where(checks, i) + "No such user.");
			}
			if (check.resourceId() != null) {
				ResourceRow resource = resources.get(check.resourceId());
				if (resource == null || !resource.teamId().equals(check.teamId())
						|| (check.resourceType() != null && !check.resourceType().equals(resource.resourceType()))) {
					throw ApiException.notFound("resource_not_found", where(checks, i)
							+ "No such resource of this product in the team" + (check.resourceType() == null ? "." : " with that type."));
				}
			}
			if (!subject.member()) {
				decisions.add(new Decision(false, "Not a member of this team, so no role grants " + check.privilege()));
			}
			else if (!subject.active()) {
				decisions.add(new Decision(false, "The account of " + subject.userName() + " is disabled, so no role grants "
						+ check.privilege()));
			}
			else {
				var explanation = privileges.get(pair).explain(check.privilege(), check.resourceId());
				decisions.add(new Decision(explanation.allowed(), explanation.reason()));
			}
		}
		return decisions;
	}

	private static String where(List<Check> checks, int index) {
		return (checks.size() == 1) ? "" : "checks[" + index + "]: ";
	}

	private static List<RoleView> rolesOf(List<Grant> grants) {
		Map<UUID, RoleView> roles = new LinkedHashMap<>();
		for (Grant grant : grants) {
			roles.putIfAbsent(grant.userRoleId(), new RoleView(grant.roleId(), grant.roleName(), grant.system(),
					grant.visible(), resourceOf(grant)));
		}
		return List.copyOf(roles.values());
	}

	private static List<PrivilegeView> privilegesOf(List<Grant> grants) {
		Map<String, List<Grant>> byCode = grants.stream()
			.collect(Collectors.groupingBy(Grant::privilege, LinkedHashMap::new, Collectors.toList()));
		List<PrivilegeView> privileges = new ArrayList<>();
		byCode.forEach((code, ofCode) -> {
			Set<ResourceView> scoped = new LinkedHashSet<>();
			ofCode.stream().map(ProductAuthorization::resourceOf).filter(Objects::nonNull).forEach(scoped::add);
			privileges.add(new PrivilegeView(code, ofCode.stream().anyMatch(Grant::teamWide), List.copyOf(scoped)));
		});
		privileges.sort((a, b) -> a.code().compareTo(b.code()));
		return privileges;
	}

	private static ResourceView resourceOf(Grant grant) {
		return grant.teamWide() ? null : new ResourceView(grant.resourceId(), grant.resourceType(), grant.resourceName());
	}

	static ApiException teamNotFound() {
		return ApiException.notFound("team_not_found", "No such team, or it does not have this product.");
	}

	static ApiException userNotFound() {
		return ApiException.notFound("user_not_found", "No such member of this team.");
	}

}
