package com.aventian.portal;

import java.util.UUID;

import com.aventian.portal.account.AccountService;
import com.aventian.portal.account.User;
import com.aventian.portal.team.MembershipService;
import com.aventian.portal.team.TeamService;

import org.springframework.stereotype.Component;

/** Creates people for tests through the portal's own services: every test its own, so tests never share state. */
@Component
public class TestUsers {

	public static final String PASSWORD = "correct horse battery staple 42";

	private final AccountService accounts;

	private final TeamService teams;

	private final MembershipService memberships;

	TestUsers(AccountService accounts, TeamService teams, MembershipService memberships) {
		this.accounts = accounts;
		this.teams = teams;
		this.memberships = memberships;
	}

	/** A new team owned by {@code owner}, with each further user added in the role given. */
	public UUID team(String name, User owner, Object... usersAndRoles) {
		UUID teamId = this.teams.createTeam(owner.id(), owner.email(), name).id();
		for (int i = 0; i + 1 < usersAndRoles.length; i += 2) {
			this.memberships.addMember(teamId, ((User) usersAndRoles[i]).id(), (String) usersAndRoles[i + 1], owner.id());
		}
		return teamId;
	}

	public User create(String displayName) {
		String email = displayName.toLowerCase().replaceAll("[^a-z]+", ".") + "." + UUID.randomUUID().toString().substring(0, 8)
				+ "@example.com";
		return this.accounts.createVerifiedUser(email, displayName, PASSWORD);
	}

	/** A new user, signed in through the sign-in form of the portal at {@code port}. */
	public PortalHttp signedIn(int port) {
		return signedIn(port, create("Signed In"));
	}

	/** The user, signed in through the sign-in form of the portal at {@code port}. */
	public PortalHttp signedIn(int port, User user) {
		PortalHttp http = new PortalHttp(port);
		int status = http.signIn(user.email(), PASSWORD).statusCode();
		if (status != 302) {
			throw new IllegalStateException("Sign-in answered " + status);
		}
		return http;
	}

}
