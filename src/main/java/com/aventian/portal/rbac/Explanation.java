package com.aventian.portal.rbac;

import java.util.List;

/**
 * The answer to "why may (or may not) this member use this privilege here?": {@code because} lists every
 * grant that gives it (empty when refused), {@code reason} says it in words for the "why?" panel and the
 * API, e.g. "Role Editor (team-wide) grants crm.contact.read" or "No role of Ann grants crm.contact.read".
 */
public record Explanation(boolean allowed, List<Grant> because, String reason) {

	public Explanation {
		because = List.copyOf(because);
	}

}
