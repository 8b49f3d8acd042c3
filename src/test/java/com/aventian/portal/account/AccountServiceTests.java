package com.aventian.portal.account;

import java.time.Clock;
import java.util.UUID;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.audit.AuditLog;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@PortalTest
class AccountServiceTests {

	@LocalServerPort
	int port;

	@Autowired
	UserMapper users;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	AuditLog audit;

	@Autowired
	TestUsers testUsers;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AccountService accounts;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	EmailTokens tokens;

	@Autowired
	SessionControl sessionControl;

	@Autowired
	DisabledAccounts disabledAccounts;

	@Autowired
	ApplicationEventPublisher events;

	/** The service as configured with a bootstrap e-mail, in a transaction as its proxy would run it. */
	User afterVerifiedSignIn(String bootstrapEmail, User user) {
		AccountService withBootstrap = new AccountService(this.users, this.passwordEncoder, this.audit, Clock.systemUTC(),
				this.tokens, this.sessionControl, this.disabledAccounts, this.events, bootstrapEmail);
		return this.transaction.execute((status) -> withBootstrap.afterVerifiedSignIn(user));
	}

	@Test
	void passwordsAreHashedWithArgon2idAtOwaspsMinimumOrAbove() {
		String hash = this.passwordEncoder.encode("some passphrase to hash");

		assertThat(hash).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");
	}

	@Test
	void aHashWithWeakerParametersIsRehashedAtTheNextSignIn() {
		User user = this.testUsers.create("Otto Oldhash");
		String weak = "{argon2}" + new Argon2PasswordEncoder(16, 32, 1, 4096, 1).encode(TestUsers.PASSWORD);
		this.jdbc.update("update aventian.tbl_users set password_hash = ? where id = ?", weak, user.id());

		new PortalHttp(this.port).signIn(user.email(), TestUsers.PASSWORD);

		String stored = this.jdbc.queryForObject("select password_hash from aventian.tbl_users where id = ?", String.class,
				user.id());
		assertThat(stored).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");
		assertThat(this.passwordEncoder.matches(TestUsers.PASSWORD, stored)).isTrue();
	}

	@Test
	void theBootstrapEmailBecomesAPlatformAdminAtItsFirstVerifiedSignInAndNoOtherDoes() {
		User boss = this.testUsers.create("Bea Bootstrap");
		User other = this.testUsers.create("Ollie Other");
		assertThat(afterVerifiedSignIn(boss.email().toUpperCase(), boss).platformAdmin()).isTrue();
		assertThat(afterVerifiedSignIn(boss.email(), other).platformAdmin()).isFalse();
		assertThat(this.audit.eventsAbout("user", boss.id().toString())).extracting((event) -> event.action())
			.contains("PLATFORM_ADMIN_GRANTED");
	}

	@Test
	void anUnverifiedBootstrapEmailIsNotMadeAnAdmin() {
		User boss = this.testUsers.create("Una Bootstrap");
		this.jdbc.update("update aventian.tbl_users set email_verified_at = null where id = ?", boss.id());
		User unverified = this.users.findUserById(boss.id()).orElseThrow();
		assertThat(afterVerifiedSignIn(boss.email(), unverified).platformAdmin()).isFalse();
	}

	@Test
	void aFirstOidcSignInCreatesTheUserAndAKnownIdentitySignsInTheSameUser() {
		String email = "ida." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		ExternalSignIn signIn = new ExternalSignIn("https://id.example.com", "sub-" + email, email, true, "Ida Identity");

		User created = this.accounts.signInWithIdentity(signIn);
		User again = this.accounts.signInWithIdentity(signIn);

		assertThat(again.id()).isEqualTo(created.id());
		assertThat(created.displayName()).isEqualTo("Ida Identity");
		assertThat(created.emailVerifiedAt()).isNotNull();
		assertThat(created.hasPassword()).isFalse();
	}

	@Test
	void anOidcSignInNeverLinksSilentlyToAnAccountWithTheSameEmail() {
		User existing = this.testUsers.create("Ella Existing");
		ExternalSignIn signIn = new ExternalSignIn("https://id.example.com", "someone-else", existing.email(), true, "Eve");

		assertThatThrownBy(() -> this.accounts.signInWithIdentity(signIn))
			.isInstanceOf(ExternalSignInRefusedException.class)
			.extracting((ex) -> ((ExternalSignInRefusedException) ex).reason())
			.isEqualTo(ExternalSignInRefusedException.Reason.EMAIL_BELONGS_TO_ACCOUNT);
	}

	@Test
	void anOidcSignInWithoutAVerifiedEmailIsRefused() {
		ExternalSignIn signIn = new ExternalSignIn("https://id.example.com", "unverified-sub", "u@example.com", false, "U");

		assertThatThrownBy(() -> this.accounts.signInWithIdentity(signIn))
			.isInstanceOf(ExternalSignInRefusedException.class);
	}

}
