package com.aventian.portal.billing;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Stripe's keys are secrets: the settings' text form (in a log line or an exception) never carries them. */
class BillingPropertiesTests {

	@Test
	void theTextFormOfTheSettingsNamesNeitherTheWebhookSecretNorTheApiKey() {
		// given settings holding Stripe's live keys
		BillingProperties properties = new BillingProperties("0 0 * * * *", Duration.ofDays(7), Duration.ofDays(21),
				new BillingProperties.Stripe("whsec_live_signing_secret", "sk_live_api_key", null));

		// when they are printed
		String text = properties.toString();

		// then neither secret is in the text, but it still says whether Stripe is on
		assertThat(text).doesNotContain("whsec_live_signing_secret").doesNotContain("sk_live_api_key");
		assertThat(properties.stripe().toString()).contains("enabled=true");
	}

}
