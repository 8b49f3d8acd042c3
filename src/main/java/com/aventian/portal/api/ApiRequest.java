package com.aventian.portal.api;

/**
 * A JSON body the products' API reads. Such bodies are read strictly (an unknown field is a 400, not
 * silently dropped: a product misspelling {@code resourceId} would otherwise get a team-wide answer).
 */
interface ApiRequest {

}
