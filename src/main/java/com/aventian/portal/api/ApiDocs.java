package com.aventian.portal.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * The OpenAPI description of the products' API (springdoc, at {@code /api/v1/openapi.json}), and the strong
 * ETag of GetUserDetails.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "Aventian products API", version = "v1",
		description = "Authorization data for products: GetUserDetails, authorize, members, resources, audit events. "
				+ "Errors are RFC 9457 problem details with a stable `code`."),
		security = @SecurityRequirement(name = "productKey"))
@SecurityScheme(name = "productKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
		description = "A product API key, created by a platform admin")
class ApiDocs {

	/** A strong ETag over the exact bytes of GetUserDetails; If-None-Match with it gets 304 and no body. */
	@Bean
	FilterRegistrationBean<ShallowEtagHeaderFilter> userDetailsEtag() {
		ShallowEtagHeaderFilter etag = new ShallowEtagHeaderFilter();
		etag.setWriteWeakETag(false);
		FilterRegistrationBean<ShallowEtagHeaderFilter> registration = new FilterRegistrationBean<>(etag);
		registration.addUrlPatterns("/api/v1/users/*");
		return registration;
	}

}
