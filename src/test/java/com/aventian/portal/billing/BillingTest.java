package com.aventian.portal.billing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.aventian.portal.MovableClock;
import com.aventian.portal.PortalTest;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/** The whole portal with a clock the test moves, and Stripe on with a test signing secret (no network). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PortalTest
@Import({ MovableClock.Config.class, BillingFixtures.class })
@TestPropertySource(properties = { "aventian.billing.stripe.webhook-secret=" + BillingTest.WEBHOOK_SECRET,
		"aventian.billing.stripe.api-key=sk_test_none", "aventian.billing.past-due-after=7d",
		"aventian.billing.suspend-after=21d" })
public @interface BillingTest {

	String WEBHOOK_SECRET = "whsec_test_billing_secret";

}
