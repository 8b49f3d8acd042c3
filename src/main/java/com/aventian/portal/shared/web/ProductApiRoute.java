package com.aventian.portal.shared.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a handler (or every handler of a controller) as a route of the products' API under
 * {@code /api/}: no person and no session reaches it, only a product's API key (its own security chain),
 * and the team it names is checked against the calling product's association with that team, not against
 * a member's privileges. The team gate accepts it in place of its own annotations, under {@code /api/} only.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ProductApiRoute {

}
