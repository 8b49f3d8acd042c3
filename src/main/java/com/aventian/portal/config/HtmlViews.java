package com.aventian.portal.config;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.view.ViewResolverComposite;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * View names resolved by Thymeleaf directly. Every view the portal's controllers name is an HTML template (or a
 * redirect, which Thymeleaf's resolver makes too); JSON answers are written by message converters and never go
 * through a view. Boot's default, a {@code ContentNegotiatingViewResolver}, parsed and sorted the request's
 * {@code Accept} header on every page to choose among candidates that were all HTML, about 3% of team home's CPU
 * (issue 10). A bean named {@code viewResolver} takes its place (Boot backs off); Boot's other resolvers stay, after
 * this one, as they stood after Thymeleaf's before: a name this one does not resolve goes on to them. Thymeleaf's
 * resolver makes {@link PageView}s: the layout's kept parts in the model, the page sent without a flush.
 */
@Configuration(proxyBeanMethods = false)
class HtmlViews {

	@Bean
	ViewResolverComposite viewResolver(ThymeleafViewResolver thymeleaf) {
		thymeleaf.setViewClass(PageView.class);
		ViewResolverComposite resolver = new ViewResolverComposite();
		resolver.setViewResolvers(List.of(thymeleaf));
		resolver.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return resolver;
	}

}
