package com.aventian.portal.rbac;

import java.util.List;

/**
 * What removing one grant would take away: the privileges the member would no longer hold at the grant's
 * scope (none when other grants of theirs still give them all).
 */
public record UnassignPreview(GrantOfMember grant, String memberName, List<String> lost) {

	public UnassignPreview {
		lost = List.copyOf(lost);
	}

	public boolean takesSomethingAway() {
		return !this.lost.isEmpty();
	}

}
