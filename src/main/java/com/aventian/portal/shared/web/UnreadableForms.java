package com.aventian.portal.shared.web;

import java.util.List;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.ServletModelAttributeMethodProcessor;

/**
 * A form that cannot even be built (a value of the wrong type for a record component, such as
 * {@code acceptTerms=;env;}) is a bad request (400) before the handler runs, on every form. Spring
 * otherwise hands such a handler a null form with its {@code BindingResult}, and the handler's own
 * checks then fail with a 500. Values that bind but are invalid still reach the handler as field errors.
 */
@Component
class UnreadableForms implements BeanPostProcessor {

	/** A parameter without {@code @ModelAttribute}: only the catch-all processor accepts it. */
	private static final MethodParameter UNANNOTATED = new MethodParameter(
			ReflectionUtils.findMethod(UnreadableForms.class, "unannotated", Object.class), 0);

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof RequestMappingHandlerAdapter adapter && adapter.getArgumentResolvers() != null) {
			List<HandlerMethodArgumentResolver> resolvers = adapter.getArgumentResolvers()
				.stream()
				.map((resolver) -> (resolver instanceof ServletModelAttributeMethodProcessor processor)
						? new RefusingUnbuiltForms(processor.supportsParameter(UNANNOTATED)) : resolver)
				.toList();
			adapter.setArgumentResolvers(resolvers);
		}
		return bean;
	}

	@SuppressWarnings("unused")
	private static void unannotated(Object form) {
	}

	private static final class RefusingUnbuiltForms extends ServletModelAttributeMethodProcessor {

		RefusingUnbuiltForms(boolean annotationNotRequired) {
			super(annotationNotRequired);
		}

		@Override
		protected boolean isBindExceptionRequired(WebDataBinder binder, MethodParameter parameter) {
			// a failed construction leaves the binding result without a target, whatever the binder then holds
			return binder.getTarget() == null || binder.getBindingResult().getTarget() == null
					|| super.isBindExceptionRequired(binder, parameter);
		}

	}

}
