package com.aventian.portal;

import java.util.UUID;

import com.aventian.portal.account.AccountService;
import com.aventian.portal.account.User;

import org.springframework.stereotype.Component;

/** Creates people for tests through the portal's own services: every test its own, so tests never share state. */
@Component
public class TestUsers {

	public static final String PASSWORD = "correct horse battery staple 42";

	private final AccountService accounts;

	TestUsers(AccountService accounts) {
		this.accounts = accounts;
	}

	public User create(String displayName) {
		String email = displayName.toLowerCase().replaceAll("[^a-z]+", ".") + "." + UUID.randomUUID().toString().substring(0, 8)
				+ "@example.com";
		return this.accounts.createVerifiedUser(email, displayName, PASSWORD);
	}

	/** A new user, signed in through the sign-in form of the portal at {@code port}. */
	public PortalHttp signedIn(int port) {
		User user = create("Signed In");
		PortalHttp http = new PortalHttp(port);
		int status = http.signIn(user.email(), PASSWORD).statusCode();
		if (status != 302) {
			throw new IllegalStateException("Sign-in answered " + status);
		}
		return http;
	}

}
