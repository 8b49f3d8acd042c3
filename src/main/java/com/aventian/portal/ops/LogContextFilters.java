package com.aventian.portal.ops;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/** Registers the request id filter ahead of every other filter, so even the edge filters' lines carry it. */
@Configuration(proxyBeanMethods = false)
class LogContextFilters {

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> requestLogContextFilter() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(RequestLogContext.edge());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
