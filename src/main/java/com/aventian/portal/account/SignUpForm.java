package com.aventian.portal.account;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What a stranger types on the sign-up page. Passwords are never sent back to the page. */
public record SignUpForm(
		@NotBlank(message = "Enter your name.") @Size(max = 100, message = "Use at most 100 characters.") String displayName,
		@NotBlank(message = "Enter your e-mail address.") @Size(max = 320, message = "Use at most 320 characters.")
		@Email(regexp = EmailAddress.PATTERN, message = "Enter an e-mail address like name@example.com.") String email,
		String password, String passwordConfirmation,
		@NotNull(message = TERMS_NOT_ACCEPTED) @AssertTrue(message = TERMS_NOT_ACCEPTED) Boolean acceptTerms) {

	static final String TERMS_NOT_ACCEPTED = "Accept the terms to create an account.";

	public static SignUpForm empty() {
		return new SignUpForm("", "", "", "", false);
	}

	/** The form as shown again after an error: what was typed, without the passwords. */
	public SignUpForm withoutPasswords() {
		return new SignUpForm(this.displayName, this.email, "", "", this.acceptTerms);
	}

}
