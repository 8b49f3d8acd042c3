package com.aventian.portal.team;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class TeamWebConfig implements WebMvcConfigurer {

	private final TeamAccess access;

	private final SwitcherAttributes switcher;

	TeamWebConfig(TeamAccess access, SwitcherAttributes switcher) {
		this.access = access;
		this.switcher = switcher;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new TeamScopeInterceptor(this.access)).addPathPatterns("/teams/*", "/teams/*/**");
		registry.addInterceptor(this.switcher);
	}

}
