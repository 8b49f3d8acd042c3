package com.aventian.portal.account;

import java.util.Map;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** A member's own sign-in history on the account page: time, address, browser and outcome, and nobody else's. */
@PortalTest
class SignInHistoryTests {

	private static final String FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:120.0) Gecko/20100101 Firefox/120.0";

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Test
	void theAccountPageListsOnesOwnSignInsAndFailedAttemptsWithAddressAndBrowser() {
		// given a failed attempt and a sign-in from Firefox, and someone else's sign-in
		User user = this.users.create("Hana History");
		User other = this.users.create("Otto Other");
		PortalHttp http = new PortalHttp(this.port);
		http.submitWithHeaders("/login", "/login", Map.of("email", user.email(), "password", "not the password"),
				"User-Agent", FIREFOX);
		http.submitWithHeaders("/login", "/login", Map.of("email", user.email(), "password", TestUsers.PASSWORD),
				"User-Agent", FIREFOX);
		this.users.signedIn(this.port, other);

		// when the person opens their account page
		String page = http.get("/account").body();

		// then both show, newest first, with the address and the browser in words
		assertThat(page).contains("Sign-in history");
		assertThat(page.indexOf(">Signed in<")).isPositive().isLessThan(page.indexOf(">Failed attempt<"));
		assertThat(page).contains(">Firefox on Windows<").contains(">127.0.0.1<");
		assertThat(page).doesNotContain(other.email());
	}

}
