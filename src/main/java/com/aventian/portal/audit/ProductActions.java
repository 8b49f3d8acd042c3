package com.aventian.portal.audit;

import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * The actions products write through {@code POST /api/v1/audit-events}, stored as
 * {@code <PRODUCT CODE>_<their action>}: their names are the products' own, so no list holds them. The viewer
 * accepts one as a filter when it is well-formed and begins with the code of a registered product, so nothing
 * arbitrary reaches a query, and a filter for a product's action that was never written just finds nothing.
 */
@Component
public class ProductActions {

	/** What the API can store: a product's code upper-cased, an underscore, the product's action; 64 at most. */
	private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{2,63}");

	private final AuditMapper mapper;

	ProductActions(AuditMapper mapper) {
		this.mapper = mapper;
	}

	/** Whether the portal writes the action itself or a registered product may have written it. */
	public boolean isKnown(String action) {
		return AuditActions.ALL.contains(action)
				|| (action != null && NAME.matcher(action).matches() && this.mapper.existsProductOfAction(action));
	}

}
