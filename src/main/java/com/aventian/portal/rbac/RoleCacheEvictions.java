package com.aventian.portal.rbac;

import java.util.List;

import com.aventian.portal.account.AccountDetailsChanged;
import com.aventian.portal.account.AccountStatusChanged;
import com.aventian.portal.billing.BillingStatusChanged;
import com.aventian.portal.team.MemberCountChanged;
import com.aventian.portal.team.MembershipChanged;
import com.aventian.portal.team.TeamDeleted;
import com.aventian.portal.team.TeamRenamed;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every change that can alter a member's answer invalidates their cached privileges, inside the change's
 * transaction (the events are published there): membership and grants ({@code MembershipChanged}, also
 * published by role edits, resource deletions and template re-applies for each member affected), a
 * deleted or renamed team (the team is part of the cached value), an account disabled or enabled (whether
 * it is active is part of the answer), renamed or given another e-mail address (both are cached for the
 * products' API), a member joining or leaving the team (its member count is cached for team home, so every
 * member's value goes), a subscription's billing status, and {@link PrivilegesChanged} (also published by every
 * change of a team's products: associated, subscribed, provisioned or failed, retried, cancelled, billed).
 */
@Component
class RoleCacheEvictions {

	private final RoleCache cache;

	RoleCacheEvictions(RoleCache cache) {
		this.cache = cache;
	}

	@EventListener
	void on(MembershipChanged changed) {
		this.cache.invalidate(List.of(changed.userId()));
	}

	@EventListener
	void on(AccountStatusChanged changed) {
		this.cache.invalidate(List.of(changed.userId()));
	}

	@EventListener
	void on(AccountDetailsChanged changed) {
		this.cache.invalidate(List.of(changed.userId()));
	}

	@EventListener
	void on(MemberCountChanged changed) {
		this.cache.invalidateTeam(changed.teamId());
	}

	@EventListener
	void on(BillingStatusChanged changed) {
		this.cache.invalidateTeam(changed.teamId());
	}

	@EventListener
	void on(TeamDeleted deleted) {
		this.cache.invalidateTeam(deleted.teamId());
	}

	@EventListener
	void on(TeamRenamed renamed) {
		this.cache.invalidateTeam(renamed.teamId());
	}

	@EventListener
	void on(PrivilegesChanged changed) {
		if (changed.userIds().isEmpty()) {
			this.cache.invalidateTeam(changed.teamId());
		}
		else {
			this.cache.invalidate(changed.userIds());
		}
	}

}
