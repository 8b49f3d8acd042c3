package com.aventian.portal.shared.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a handler (or every handler of a controller) belongs to no team: account pages,
 * sign-up, invitation links. The team gate refuses to start the portal while any handler of ours
 * declares neither this nor a team annotation ({@code @TeamPrivilege}, {@code @AnyTeamMember}), so a
 * new route cannot forget its check. Lives here, not in {@code team}, so features below {@code team}
 * (such as {@code account}) can use it without an import cycle.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface NotTeamScoped {

}
