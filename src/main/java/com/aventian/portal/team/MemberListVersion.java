package com.aventian.portal.team;

/**
 * The version of a team's members list, which the database moves with every change of what the list shows (V32), and
 * the team's member count, which a page number past the end is clamped to.
 */
record MemberListVersion(long version, int memberCount) {

	int lastPage(int pageSize) {
		return Math.max(1, (this.memberCount + pageSize - 1) / pageSize);
	}

}
