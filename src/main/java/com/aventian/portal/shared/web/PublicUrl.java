package com.aventian.portal.shared.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The address people reach the portal at, for links in e-mails. It comes from {@code aventian.public-url},
 * never from a request's Host header (which an attacker could set to send a victim's reset link to
 * their own site); unset, it is this server on localhost, as in local mode and tests.
 */
@Component
public class PublicUrl {

	private static final Logger log = LoggerFactory.getLogger(PublicUrl.class);

	private final String configured;

	private volatile String local = "http://localhost:8080";

	PublicUrl(@Value("${aventian.public-url:}") String configured) {
		this.configured = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
	}

	@EventListener
	void onServerStarted(WebServerInitializedEvent event) {
		this.local = "http://localhost:" + event.getWebServer().getPort();
		if (!StringUtils.hasText(this.configured)) {
			log.warn("aventian.public-url is not set: links in mail point to {}. Set it to the portal's public address.",
					this.local);
		}
	}

	/** An absolute URL for a path of the portal, with query parameters encoded. */
	public String of(String path, String... parameterNamesAndValues) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(base() + path);
		for (int i = 0; i + 1 < parameterNamesAndValues.length; i += 2) {
			uri.queryParam(parameterNamesAndValues[i], parameterNamesAndValues[i + 1]);
		}
		return uri.encode().build().toUriString();
	}

	private String base() {
		return StringUtils.hasText(this.configured) ? this.configured : this.local;
	}

}
