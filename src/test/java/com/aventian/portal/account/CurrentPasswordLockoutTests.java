package com.aventian.portal.account;

import java.net.http.HttpResponse;
import java.util.Map;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** A stolen session cannot guess the current password any faster than the sign-in form allows. */
@PortalTest
class CurrentPasswordLockoutTests {

	@LocalServerPort
	int port;

	@Value("${aventian.lockout.max-failures}")
	int maxFailures;

	@Autowired
	TestUsers users;

	@Test
	void wrongCurrentPasswordsLockOutLikeWrongSignIns() {
		// given a session guessing the current password on the password form
		User user = this.users.create("Gus Guesser");
		PortalHttp http = this.users.signedIn(this.port, user);
		for (int i = 0; i < this.maxFailures; i++) {
			assertThat(changePassword(http, "guess number " + i).body()).contains("That is not your current password.");
		}

		// when it finally types the right one
		HttpResponse<String> right = changePassword(http, TestUsers.PASSWORD);

		// then it is refused as a locked-out sign-in would be, and so is the sign-in form from this address
		assertThat(right.statusCode()).isEqualTo(200);
		assertThat(right.body()).contains("Too many failed attempts");
		assertThat(new PortalHttp(this.port).signIn(user.email(), TestUsers.PASSWORD).headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/login?error"));
	}

	@Test
	void failedSignInsAndWrongPasswordsOnTheEmailFormShareOneCounter() {
		// given failures on the sign-in form, one short of the lockout
		User user = this.users.create("Sue Shared");
		PortalHttp http = this.users.signedIn(this.port, user);
		for (int i = 0; i < this.maxFailures - 1; i++) {
			new PortalHttp(this.port).signIn(user.email(), "wrong password " + i);
		}

		// when the e-mail change form gets one wrong current password
		HttpResponse<String> wrong = http.submit("/account", "/account/email",
				Map.of("newEmail", "new.address@example.com", "currentPassword", "not it either"));
		assertThat(wrong.body()).contains("That is not your current password.");

		// then the e-mail is locked out
		HttpResponse<String> right = http.submit("/account", "/account/email",
				Map.of("newEmail", "new.address@example.com", "currentPassword", TestUsers.PASSWORD));
		assertThat(right.body()).contains("Too many failed attempts");
	}

	private static HttpResponse<String> changePassword(PortalHttp http, String current) {
		return http.submit("/account", "/account/password", Map.of("currentPassword", current, "newPassword",
				"walnut glacier sparrow 4096", "newPasswordConfirmation", "walnut glacier sparrow 4096"));
	}

}
