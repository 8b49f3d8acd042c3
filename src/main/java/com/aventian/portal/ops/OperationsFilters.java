package com.aventian.portal.ops;

import org.thymeleaf.spring6.SpringTemplateEngine;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The operations filters, ahead of every other: the request id first, so even the edge filters' lines carry it,
 * then the answer to an outage of Redis or PostgreSQL, outside Spring Session's filter which meets the first.
 */
@Configuration(proxyBeanMethods = false)
class OperationsFilters {

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> requestLogContextFilter() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(RequestLogContext.edge());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	FilterRegistrationBean<OutageAnswers> outageAnswersFilter(SpringTemplateEngine templates) {
		FilterRegistrationBean<OutageAnswers> registration = new FilterRegistrationBean<>(new OutageAnswers(templates));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

}
