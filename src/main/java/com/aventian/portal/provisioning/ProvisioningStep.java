package com.aventian.portal.provisioning;

/** The steps of a provisioning run, in order; {@code steps_done} counts those completed in the current run. */
enum ProvisioningStep {

	ROLE("Creating the database login"),

	DATABASE("Creating the database or schema"),

	ACCESS("Restricting access to the team's login"),

	SCRIPT("Running the product's set-up script"),

	CONNECTION("Storing the encrypted connection"),

	ACTIVE("Activating the subscription");

	private final String label;

	ProvisioningStep(String label) {
		this.label = label;
	}

	String label() {
		return this.label;
	}

	int number() {
		return ordinal() + 1;
	}

}
