package com.aventian.portal.apikey;

/** A key just created: the only moment its secret exists outside the product's own configuration. */
public record NewApiKey(ApiKey key, String secret) {

	@Override
	public String toString() {
		// never print the secret
		return "NewApiKey[key=" + this.key + ", secret=****]";
	}

}
