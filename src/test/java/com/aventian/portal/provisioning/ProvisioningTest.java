package com.aventian.portal.provisioning;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.aventian.portal.PortalTest;

import org.springframework.test.context.TestPropertySource;

/** The portal with its products' scripts under a folder the tests write (one context for all provisioning tests). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PortalTest
@TestPropertySource(properties = { "aventian.products.scripts-root=target/provisioning-test-scripts",
		"aventian.provisioning.retention=1h" })
@interface ProvisioningTest {

}
