package com.aventian.portal.apikey;

import java.util.UUID;

/** Who calls the products' API: a product, through one of its keys. The principal of an API request. */
public record ApiCaller(UUID keyId, UUID productId, String productCode, String keyPrefix) {

	/** The authority every authenticated API request holds, and nothing else does. */
	public static final String AUTHORITY = "ROLE_PRODUCT_API";

}
