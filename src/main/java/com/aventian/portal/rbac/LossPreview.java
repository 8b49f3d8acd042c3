package com.aventian.portal.rbac;

import java.util.List;

/**
 * What a change would take away, shown before it is confirmed: how many members lose {@code what}, and
 * who, by name for up to {@link #NAMED} of them.
 */
public record LossPreview(String what, int members, List<MemberLoss> named) {

	static final int NAMED = 20;

	public boolean nobody() {
		return this.members == 0;
	}

	/** How many of the members are not named. */
	public int unnamed() {
		return this.members - this.named.size();
	}

	/** A member and the scopes they lose it in ("team-wide", "on contact 'ACME'"). */
	public record MemberLoss(String name, List<String> scopes) {
	}

}
