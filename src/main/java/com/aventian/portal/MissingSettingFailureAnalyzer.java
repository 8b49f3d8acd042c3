package com.aventian.portal;

import com.aventian.portal.RequiredSettings.MissingSettingException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing required setting into Boot's short "APPLICATION FAILED TO START" report. */
class MissingSettingFailureAnalyzer extends AbstractFailureAnalyzer<MissingSettingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingSettingException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Set " + RequiredSettings.DATASOURCE_URL + " (or the environment variable SPRING_DATASOURCE_URL), "
						+ "with spring.datasource.username and spring.datasource.password if the database needs them.",
				cause);
	}

}
