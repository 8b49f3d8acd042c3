package com.aventian.portal.local;

import com.aventian.localmode.DevMailboxController;
import com.icegreen.greenmail.util.GreenMail;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** What local mode adds to the portal: demo data and the captured-mail page at /dev/mailbox. */
@TestConfiguration(proxyBeanMethods = false)
@Import({ LocalDemoData.class, DevMailboxController.class })
class LocalModeConfig {

	@Bean
	GreenMail capturedMail() {
		return LocalPortal.services().mail();
	}

	/** The mailbox is readable before signing in: that is where the verification link arrives. */
	@Bean
	@Order(0)
	SecurityFilterChain devMailboxSecurity(HttpSecurity http) throws Exception {
		http.securityMatcher("/dev/**").authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
		return http.build();
	}

}
