package com.aventian.portal.team;

import java.util.List;
import java.util.UUID;

import com.aventian.portal.rbac.GrantOfMember;

/**
 * One row of the members table with everything it shows worked out in Java ({@link MemberLines}): the
 * template only reads these values, so a page of 20 rows evaluates no projection, link expression,
 * comparison with the viewer or parameterised message per row (issue 10: those were most of the page's CPU).
 * Strings are plain text; the template escapes them as before ({@code th:text}, {@code th:value}).
 */
public record MemberLine(MemberRow member, String rowId, String roleSelectId, boolean picker, String roleLabel,
		String roleUrl, String removeUrl, String ownershipUrl, boolean you, boolean removable, boolean transferable,
		List<GrantOfMember> grants, boolean grantsChangeable, String joined, String lastActive) {

	public UUID roleId() {
		return this.member.roleId();
	}

}
