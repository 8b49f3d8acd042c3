package com.aventian.portal.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;

import org.springframework.stereotype.Component;

/**
 * At least 12 characters and hard to guess: zxcvbn scores the password against its common-password
 * lists and against the person's own e-mail and name, and a score under 3 of 4 is refused with its reason.
 */
@Component
public class PasswordPolicy {

	public static final int MIN_LENGTH = 12;

	public static final int MAX_LENGTH = 128;

	static final int MIN_SCORE = 3;

	private final Zxcvbn zxcvbn = new Zxcvbn();

	/** The reason a password is refused, or empty when it is good enough. */
	public Optional<String> problemWith(String password, String email, String displayName) {
		if (password == null || password.length() < MIN_LENGTH) {
			return Optional.of("Use at least " + MIN_LENGTH + " characters.");
		}
		if (password.length() > MAX_LENGTH) {
			return Optional.of("Use at most " + MAX_LENGTH + " characters.");
		}
		Strength strength = this.zxcvbn.measure(password, personalWords(email, displayName));
		if (strength.getScore() >= MIN_SCORE) {
			return Optional.empty();
		}
		String warning = strength.getFeedback().getWarning();
		List<String> suggestions = strength.getFeedback().getSuggestions();
		StringBuilder reason = new StringBuilder("This password is too easy to guess.");
		if (warning != null && !warning.isBlank()) {
			reason.append(' ').append(warning.endsWith(".") ? warning : warning + ".");
		}
		if (!suggestions.isEmpty()) {
			reason.append(' ').append(suggestions.get(0));
		}
		return Optional.of(reason.toString());
	}

	private static List<String> personalWords(String email, String displayName) {
		List<String> words = new ArrayList<>();
		if (email != null && !email.isBlank()) {
			words.add(email);
			words.addAll(List.of(email.split("[@.+_-]+")));
		}
		if (displayName != null && !displayName.isBlank()) {
			words.add(displayName);
			words.addAll(List.of(displayName.split("\\s+")));
		}
		return words.stream().filter((word) -> word.length() >= 3).toList();
	}

}
