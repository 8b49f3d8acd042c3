package com.aventian.portal.config;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import com.aventian.portal.PortalTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind the TLS load balancer, with the production settings of the README and docker/: a request from
 * the trusted proxy saying {@code X-Forwarded-Proto: https} gets a Secure session cookie and HSTS, and its
 * {@code X-Forwarded-For} is the client address; from any other address the headers are ignored.
 */
@PortalTest
class ForwardedHeadersTests {

	static final String CLIENT = "203.0.113.7";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	/** A failed sign-in (which writes the client address) as sent through a load balancer. */
	HttpResponse<String> throughTheLoadBalancer(String email) throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		HttpResponse<String> form = client.send(forwarded("/login").GET().build(), HttpResponse.BodyHandlers.ofString());
		String cookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
		String body = "email=" + email + "&password=wrong&_csrf=" + com.aventian.portal.PortalHttp.csrfTokenOf(form.body());
		client.send(forwarded("/login").header("Cookie", cookie)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		return form;
	}

	HttpRequest.Builder forwarded(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Accept", "text/html")
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-For", CLIENT);
	}

	String recordedAddressOf(String email) {
		return this.jdbc.queryForObject("select host(ip) from aventian_audit.tbl_login_activity where user_email = ?",
				String.class, email);
	}

	static String someEmail() {
		return "proxy." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
	}

	@Nested
	@TestPropertySource(properties = { "server.forward-headers-strategy=native",
			"server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1" })
	class FromTheTrustedProxy {

		@Test
		void httpsIsBelievedTheCookieIsSecureHstsIsSentAndTheClientAddressIsTheForwardedOne() throws Exception {
			String email = someEmail();

			HttpResponse<String> page = throughTheLoadBalancer(email);

			assertThat(page.headers().firstValue("Set-Cookie")).hasValueSatisfying((cookie) -> assertThat(cookie)
				.startsWith("AVENTIAN_SESSION=")
				.contains("Secure"));
			assertThat(page.headers().firstValue("Strict-Transport-Security")).isPresent();
			assertThat(recordedAddressOf(email)).isEqualTo(CLIENT);
		}

	}

	@Nested
	@TestPropertySource(properties = { "server.forward-headers-strategy=native",
			"server.tomcat.remoteip.internal-proxies=10\\.99\\.99\\.99" })
	class FromAnUntrustedAddress {

		@Test
		void theForwardedHeadersAreIgnored() throws Exception {
			String email = someEmail();

			HttpResponse<String> page = throughTheLoadBalancer(email);

			assertThat(page.headers().firstValue("Set-Cookie")).hasValueSatisfying((cookie) -> assertThat(cookie)
				.doesNotContain("Secure"));
			assertThat(page.headers().firstValue("Strict-Transport-Security")).isEmpty();
			assertThat(recordedAddressOf(email)).isEqualTo("127.0.0.1");
		}

	}

}
