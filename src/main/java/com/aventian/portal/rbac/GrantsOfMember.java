package com.aventian.portal.rbac;

import java.util.List;

/**
 * A member's visible grants, read with the member's row of the members page (the same query: the page
 * costs no query more per member), as {@link GrantsOfMemberTypeHandler} decodes them.
 */
public record GrantsOfMember(List<GrantOfMember> grants) {

	public static final GrantsOfMember NONE = new GrantsOfMember(List.of());

	public GrantsOfMember {
		grants = List.copyOf(grants);
	}

}
