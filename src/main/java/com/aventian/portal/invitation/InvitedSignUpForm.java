package com.aventian.portal.invitation;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Sign-up of an invitee: the e-mail is the invited one and cannot be typed. */
public record InvitedSignUpForm(
		@NotBlank(message = "Enter your name.") @Size(max = 100, message = "Use at most 100 characters.") String displayName,
		String password, String passwordConfirmation,
		@NotNull(message = TERMS) @AssertTrue(message = TERMS) Boolean acceptTerms) {

	static final String TERMS = "Accept the terms to create an account.";

	static InvitedSignUpForm empty() {
		return new InvitedSignUpForm("", "", "", false);
	}

}
