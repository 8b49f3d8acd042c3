package com.aventian.portal.team;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The privilege a team-scoped handler needs, checked by {@link TeamScopeInterceptor} before anything of
 * the request is read: a non-member gets 404, a member without the privilege 403. Every handler under
 * {@code /teams/{teamId}} carries this or {@link AnyTeamMember}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TeamPrivilege {

	String value();

}
