package com.aventian.portal;

import java.util.UUID;

import com.aventian.portal.account.AccountService;
import com.aventian.portal.account.User;
import com.aventian.portal.team.MembershipService;
import com.aventian.portal.team.TeamService;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Creates people for tests through the portal's own services: every test its own, so tests never share state. */
@Component
public class TestUsers {

	public static final String PASSWORD = "correct horse battery staple 42";

	private final AccountService accounts;

	private final TeamService teams;

	private final MembershipService memberships;

	private final JdbcTemplate jdbc;

	TestUsers(AccountService accounts, TeamService teams, MembershipService memberships, JdbcTemplate jdbc) {
		this.accounts = accounts;
		this.teams = teams;
		this.memberships = memberships;
		this.jdbc = jdbc;
	}

	/** A new team owned by {@code owner}, with each further user added in the role given (by its seeded name). */
	public UUID team(String name, User owner, Object... usersAndRoles) {
		UUID teamId = this.teams.createTeam(owner.id(), owner.email(), name).id();
		for (int i = 0; i + 1 < usersAndRoles.length; i += 2) {
			this.memberships.addMemberWithRole(teamId, ((User) usersAndRoles[i]).id(),
					roleId(teamId, (String) usersAndRoles[i + 1]), owner.id());
		}
		return teamId;
	}

	/** The team's role of that name, as seeded (tests name roles; the portal's code never does). */
	public UUID roleId(UUID teamId, String roleName) {
		return this.jdbc.queryForObject("select id from aventian.tbl_roles where team_id = ? and name = ?", UUID.class,
				teamId, roleName);
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
