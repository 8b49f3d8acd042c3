package com.aventian.portal;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.util.StringUtils;

/**
 * Stops start-up before any bean is made when a setting the production jar cannot guess is missing,
 * naming the property, instead of a failure deep inside the DataSource set-up.
 */
class RequiredSettings implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	static final String DATASOURCE_URL = "spring.datasource.url";

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		if (!StringUtils.hasText(event.getEnvironment().getProperty(DATASOURCE_URL))) {
			throw new MissingSettingException(DATASOURCE_URL,
					"the JDBC URL of the portal's PostgreSQL database, e.g. "
							+ "SPRING_DATASOURCE_URL=jdbc:postgresql://db-host:5432/avn-prod");
		}
	}

	static class MissingSettingException extends IllegalStateException {

		MissingSettingException(String property, String meaning) {
			super("Required setting " + property + " is not set: " + meaning);
		}

	}

}
