package com.aventian.portal.audit;

import java.util.List;

/** One keyset page of the viewer, newest first; {@code older} is the cursor of the next page, or null at the end. */
public record AuditPage<T>(List<T> rows, String older, boolean first) {

	public boolean hasOlder() {
		return this.older != null;
	}

}
