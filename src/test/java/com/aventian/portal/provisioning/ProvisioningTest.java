package com.aventian.portal.provisioning;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.aventian.portal.PortalTest;


/**
 * The portal as every other test runs it: the same context, so a provisioning job picked by any test context's
 * scheduler (they share the jobs table) reads the same scripts root as the test that scheduled it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PortalTest
@interface ProvisioningTest {

}
