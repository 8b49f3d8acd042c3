package com.aventian.portal.product;

/** What an admin types for a product; the code is fixed once the product exists (it prefixes its privileges). */
public record ProductForm(String code, String name, String description, String provisioningScriptPath, String dashboardUrl) {

	static ProductForm of(Product product) {
		return new ProductForm(product.code(), product.name(), product.description(),
				product.provisioningScriptPath() == null ? "" : product.provisioningScriptPath(),
				product.dashboardUrl() == null ? "" : product.dashboardUrl());
	}

	ProductForm cleaned() {
		return new ProductForm(strip(this.code), strip(this.name), strip(this.description), strip(this.provisioningScriptPath),
				strip(this.dashboardUrl));
	}

	private static String strip(String value) {
		return value == null ? "" : value.strip();
	}

}
