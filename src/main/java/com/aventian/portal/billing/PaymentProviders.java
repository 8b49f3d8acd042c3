package com.aventian.portal.billing;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The payment provider offered to payers: Stripe when its webhook secret is set (payments are reported by
 * its webhook, so without the secret Stripe could take money the portal never hears of), else manual.
 * A platform admin can record a manual payment either way.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BillingProperties.class)
class PaymentProviders {

	@Bean
	PaymentProvider paymentProvider(BillingProperties properties) {
		return properties.stripe().enabled() ? new StripePayments(properties) : new ManualPayments();
	}

}
