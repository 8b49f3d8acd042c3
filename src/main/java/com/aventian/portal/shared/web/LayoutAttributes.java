package com.aventian.portal.shared.web;

import com.aventian.portal.ops.SchemaVersion;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.ui.Model;

/** What the base layout shows on every page: the schema version, and the environment outside prod. */
@ControllerAdvice
class LayoutAttributes {

	private final SchemaVersion schemaVersion;

	private final String environment;

	LayoutAttributes(SchemaVersion schemaVersion, @Value("${aventian.environment}") String environment) {
		this.schemaVersion = schemaVersion;
		this.environment = environment;
	}

	@ModelAttribute
	void addLayoutAttributes(Model model) {
		model.addAttribute("schemaVersion", this.schemaVersion.value());
		model.addAttribute("environment", "prod".equals(this.environment) ? null : this.environment);
	}

}
