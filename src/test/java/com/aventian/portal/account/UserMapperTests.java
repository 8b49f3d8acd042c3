package com.aventian.portal.account;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.aventian.portal.PortalTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

@PortalTest
@Transactional
class UserMapperTests {

	@Autowired
	UserMapper users;

	@Test
	void aUserRoundTripsAndIsFoundByTheNormalFormOfItsEmail() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		User user = new User(UUID.randomUUID(), EmailAddress.normalize("Round.Trip@Example.com"), "Round Trip", "{argon2}hash", now, false,
				"ACTIVE", now, null, now);

		this.users.insertUser(user);

		assertThat(this.users.findUserById(user.id())).contains(user);
		assertThat(this.users.findUserByEmail(EmailAddress.normalize(" ROUND.trip@example.COM"))).contains(user);
	}

	@Test
	void aUserIsFoundByTheIssuerAndSubjectOfALinkedIdentityNeverByItsEmail() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		User user = new User(UUID.randomUUID(), "linked@example.com", "Linked", null, now, false, "ACTIVE", null, null,
				now);
		this.users.insertUser(user);
		this.users.insertIdentity(
				new Identity(UUID.randomUUID(), user.id(), "https://id.example.com", "subject-1", "other@example.com", now));

		assertThat(this.users.findUserByIdentity("https://id.example.com", "subject-1")).contains(user);
		assertThat(this.users.findUserByIdentity("https://other.example.com", "subject-1")).isEmpty();
		assertThat(this.users.findUserByIdentity("https://id.example.com", "linked@example.com")).isEmpty();
	}

	@Test
	void anUnknownUserIsEmpty() {
		assertThat(this.users.findUserById(UUID.randomUUID())).isEmpty();
		assertThat(this.users.findUserByEmail("nobody@example.com")).isEmpty();
	}

}
