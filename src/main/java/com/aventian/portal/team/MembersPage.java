package com.aventian.portal.team;

import java.util.List;

/**
 * One page of a team's members, with what the page needs to draw its pager, and the roles the viewer may give
 * (empty unless asked for, or when the page has no rows: no row, no picker). {@code listVersion} is the version of
 * the team's members list (V32) the rows were read at, by the same statement; null when there is none to keep the
 * page under (no rows, or a page past the end read again by a later statement).
 */
public record MembersPage(List<MemberRow> members, String query, int page, int pageSize, long total,
		List<TeamRole> givableRoles, Long listVersion) {

	public int pages() {
		return (int) Math.max(1, (this.total + this.pageSize - 1) / this.pageSize);
	}

	public boolean hasPrevious() {
		return this.page > 1;
	}

	public boolean hasNext() {
		return this.page < pages();
	}

}
