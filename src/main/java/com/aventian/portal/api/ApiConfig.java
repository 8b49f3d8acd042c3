package com.aventian.portal.api;

import java.util.List;

import com.aventian.portal.apikey.ApiCaller;
import com.aventian.portal.apikey.ApiKeys;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The products' API beside the portal: its own security chain for {@code /api/**}, checked before the
 * portal's, with no session, no CSRF (no cookie ever authenticates it), no redirects, the product's key as
 * the only credential; strict JSON bodies; problem details for every error.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiProperties.class)
class ApiConfig implements WebMvcConfigurer {

	private final ApiProblems problems;

	private final JsonMapper json;

	ApiConfig(ApiProblems problems, JsonMapper json) {
		this.problems = problems;
		this.json = json;
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeys keys, ApiRateLimits limits, ApiProperties properties)
			throws Exception {
		http.securityMatcher(ApiPaths.ALL);
		http.authorizeHttpRequests((requests) -> requests.requestMatchers(ApiPaths.OPENAPI)
			.permitAll()
			.anyRequest()
			.hasAuthority(ApiCaller.AUTHORITY));
		http.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		http.securityContext((context) -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()));
		http.requestCache((cache) -> cache.requestCache(new NullRequestCache()));
		http.csrf((csrf) -> csrf.disable());
		http.formLogin((form) -> form.disable());
		http.httpBasic((basic) -> basic.disable());
		http.logout((logout) -> logout.disable());
		http.anonymous((anonymous) -> anonymous.disable());
		http.addFilterBefore(new ApiKeyFilter(keys, limits, this.problems, properties.maxBodySize().toBytes()),
				AuthorizationFilter.class);
		http.exceptionHandling((exceptions) -> exceptions
			.authenticationEntryPoint((request, response, ex) -> this.problems.write(request, response,
					HttpStatus.UNAUTHORIZED, "api_key_missing", "Send the product's API key as Authorization: Bearer <key>."))
			.accessDeniedHandler((request, response, ex) -> this.problems.write(request, response, HttpStatus.FORBIDDEN,
					"forbidden", "This key may not do this.")));
		return http.build();
	}

	/** Bodies of the API are read strictly: an unknown field or a trailing token is a 400, never ignored. */
	@Override
	public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
		JsonMapper strict = this.json.rebuild()
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
					DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.build();
		builder.configureMessageConverters((converter) -> {
			if (converter instanceof JacksonJsonHttpMessageConverter jackson) {
				jackson.registerMappersForType(ApiRequest.class, (mappers) -> mappers.put(MediaType.APPLICATION_JSON, strict));
			}
		});
	}

	@Override
	public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
		resolvers.add(0, new ApiErrors(this.problems));
	}

}
