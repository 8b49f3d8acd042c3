package com.aventian.portal.local;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/** What local mode adds to the portal: demo data. */
@TestConfiguration(proxyBeanMethods = false)
@Import(LocalDemoData.class)
class LocalModeConfig {

}
