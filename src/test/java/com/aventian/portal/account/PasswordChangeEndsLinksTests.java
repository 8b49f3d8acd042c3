package com.aventian.portal.account;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestMailbox;
import com.aventian.portal.TestUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new password takes back the account: whoever knew the old one loses their sessions and the links
 * they asked for, and the owner's mail says which ways into the account remain.
 */
@PortalTest
class PasswordChangeEndsLinksTests {

	static final String NEW_PASSWORD = "walnut glacier sparrow 4096";

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	UserMapper userMapper;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void resettingThePasswordKillsTheAttackersPendingEmailChange() {
		// given an attacker who knows the password and asked to move the account to their own address
		User owner = this.users.create("Rita Reset");
		PortalHttp attacker = this.users.signedIn(this.port, owner);
		String attackersEmail = "attacker." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		assertThat(attacker.submit("/account", "/account/email",
				Map.of("newEmail", attackersEmail, "currentPassword", TestUsers.PASSWORD)).statusCode()).isEqualTo(302);
		String changeToken = TestMailbox.linkIn(TestMailbox.awaitMail(attackersEmail, 1), "/account/email/confirm")
			.replaceFirst(".*token=", "");

		// when the owner resets the password by mail
		PortalHttp ownerHttp = new PortalHttp(this.port);
		ownerHttp.submit("/password/forgot", "/password/forgot", Map.of("email", owner.email()));
		String resetToken = TestMailbox.linkIn(mailWithSubject(owner.email(), "Reset your Aventian password"),
				"/password/reset").replaceFirst(".*token=", "");
		assertThat(ownerHttp.submit("/login", "/password/reset",
				Map.of("token", resetToken, "password", NEW_PASSWORD, "passwordConfirmation", NEW_PASSWORD)).statusCode())
			.isEqualTo(302);

		// then the attacker's link no longer moves the account, and their session is over
		HttpResponse<String> confirm = new PortalHttp(this.port).submit("/login", "/account/email/confirm",
				Map.of("token", changeToken));
		assertThat(confirm.body()).contains("This link was already used");
		assertThat(emailOf(owner)).isEqualTo(owner.email());
		assertThat(attacker.get("/account").statusCode()).isEqualTo(302);
		assertThat(TestMailbox.bodyOf(mailWithSubject(owner.email(), "Your Aventian password was changed")))
			.contains("- a password");
	}

	@Test
	void changingThePasswordEndsOtherSessionsAndPendingLinksAndListsTheSignInMethods() {
		// given an account with a linked provider, an attacker's session and the attacker's pending e-mail change
		User owner = this.users.create("Carl Change");
		this.userMapper.insertIdentity(new Identity(UUID.randomUUID(), owner.id(), "https://id.example.test",
				"carl-subject", "carl@id.example.test", Instant.now()));
		PortalHttp attacker = this.users.signedIn(this.port, owner);
		String attackersEmail = "thief." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		attacker.submit("/account", "/account/email", Map.of("newEmail", attackersEmail, "currentPassword", TestUsers.PASSWORD));
		String changeToken = TestMailbox.linkIn(TestMailbox.awaitMail(attackersEmail, 1), "/account/email/confirm")
			.replaceFirst(".*token=", "");

		// when the owner changes the password from another session (no box to tick)
		PortalHttp ownerHttp = this.users.signedIn(this.port, owner);
		HttpResponse<String> changed = ownerHttp.submit("/account", "/account/password", Map.of("currentPassword",
				TestUsers.PASSWORD, "newPassword", NEW_PASSWORD, "newPasswordConfirmation", NEW_PASSWORD));

		// then only the owner's session lives, the link is dead, and the mail lists the ways in
		assertThat(changed.statusCode()).isEqualTo(302);
		assertThat(ownerHttp.get("/account").statusCode()).isEqualTo(200);
		assertThat(attacker.get("/account").statusCode()).isEqualTo(302);
		assertThat(new PortalHttp(this.port).submit("/login", "/account/email/confirm", Map.of("token", changeToken)).body())
			.contains("This link was already used");
		assertThat(emailOf(owner)).isEqualTo(owner.email());
		assertThat(TestMailbox.bodyOf(mailWithSubject(owner.email(), "Your Aventian password was changed")))
			.contains("- a password")
			.contains("- https://id.example.test (carl@id.example.test)");
	}

	private String emailOf(User user) {
		return this.jdbc.queryForObject("select email from aventian.tbl_users where id = ?", String.class, user.id());
	}

	static MimeMessage mailWithSubject(String address, String subject) {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
		while (Instant.now().isBefore(deadline)) {
			var found = TestMailbox.mailsTo(address).stream().filter((mail) -> subject.equals(TestMailbox.subjectOf(mail))).toList();
			if (!found.isEmpty()) {
				return found.get(found.size() - 1);
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		throw new AssertionError("No mail \"" + subject + "\" to " + address);
	}

}
