package com.aventian.portal.team;

import java.util.UUID;

import com.aventian.portal.rbac.GrantsCells;

/**
 * One row of the members table with everything it shows worked out in Java ({@link MemberLines}): the
 * template only reads these values, so a page of 20 rows evaluates no projection, link expression,
 * comparison with the viewer or message per row (issue 10: those were most of the page's CPU).
 * Strings are plain text that the template escapes ({@code th:text}, {@code th:value}), except
 * {@code roleOptions}: the picker's options as markup, drawn by the template once per page
 * ({@code team/members :: role-options}) with only this row's {@code selected} mark added.
 */
public record MemberLine(MemberRow member, String rowId, String roleSelectId, boolean picker, String roleLabel,
		String roleOptions, String roleUrl, String removeUrl, String ownershipUrl, boolean you, boolean removable,
		boolean transferable, GrantsCells.Cell grants, String joined, String lastActive, Labels labels) {

	public UUID roleId() {
		return this.member.roleId();
	}

	/** The row's fixed texts, looked up once per page instead of once per row. */
	public record Labels(String changeRole, String remove, String you, String transfer) {
	}

}
