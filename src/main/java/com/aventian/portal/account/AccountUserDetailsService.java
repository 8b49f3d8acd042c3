package com.aventian.portal.account;

import java.time.Clock;
import java.util.UUID;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Password sign-in looks users up by e-mail. An account without a password is "not found" here, so it
 * costs the same hash work and gives the same answer as an unknown e-mail. Re-hashes a password whose
 * stored hash uses outdated parameters.
 */
@Component
class AccountUserDetailsService implements UserDetailsService, UserDetailsPasswordService {

	private final UserMapper users;

	private final Clock clock;

	AccountUserDetailsService(UserMapper users, Clock clock) {
		this.users = users;
		this.clock = clock;
	}

	@Override
	public UserDetails loadUserByUsername(String email) {
		return this.users.findUserByEmail(EmailAddress.normalize(email))
			.filter(User::hasPassword)
			.map(PasswordPrincipal::new)
			.orElseThrow(() -> new UsernameNotFoundException("No password account for this e-mail"));
	}

	@Override
	public UserDetails updatePassword(UserDetails user, String newPasswordHash) {
		UUID id = UUID.fromString(user.getUsername());
		this.users.updatePasswordHash(id, newPasswordHash, this.clock.instant());
		return this.users.findUserById(id).map(PasswordPrincipal::new).orElseThrow();
	}

}
