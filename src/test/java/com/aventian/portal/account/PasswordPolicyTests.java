package com.aventian.portal.account;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTests {

	PasswordPolicy policy = new PasswordPolicy();

	@Test
	void aLongPassphraseOfUnrelatedWordsPasses() {
		assertThat(this.policy.problemWith("violet tractor harbour 1987", "ann@example.com", "Ann")).isEmpty();
	}

	@Test
	void fewerThanTwelveCharactersAreRefused() {
		assertThat(this.policy.problemWith("Xq9!vT2#pL", "ann@example.com", "Ann")).contains("Use at least 12 characters.");
	}

	@Test
	void moreThan128CharactersAreRefused() {
		assertThat(this.policy.problemWith("a".repeat(129), "ann@example.com", "Ann")).contains("Use at most 128 characters.");
	}

	@Test
	void aCommonPasswordIsRefusedWithItsReason() {
		assertThat(this.policy.problemWith("password1234", "ann@example.com", "Ann")).hasValueSatisfying(
				(reason) -> assertThat(reason).startsWith("This password is too easy to guess."));
	}

	@Test
	void aPasswordMadeOfThePersonsOwnNameAndEmailIsRefused() {
		String password = "quillonmarbury";

		assertThat(this.policy.problemWith(password, "quillon.marbury@example.com", "Quillon Marbury")).isPresent();
		assertThat(this.policy.problemWith(password + " zephyr", "ann@example.com", "Ann")).isEmpty();
	}

}
