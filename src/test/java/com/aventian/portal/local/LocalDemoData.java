package com.aventian.portal.local;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

import com.aventian.portal.account.AccountService;
import com.aventian.portal.account.User;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.audit.LoginAction;
import com.aventian.portal.invitation.InvitationService;
import com.aventian.portal.invitation.InvitationService.Inviter;
import com.aventian.portal.team.MemberRow;
import com.aventian.portal.team.MembershipService;
import com.aventian.portal.team.MembershipService.Actor;
import com.aventian.portal.team.TeamRole;
import com.aventian.portal.team.TeamService;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo data of local mode, a living portal: the demo user in three teams (owner of one, admin and member
 * of the others), about 25 people holding every seeded role, pending, resent, revoked and expired
 * invitations, and some history (sign-ins, switches, a role change), all made through the portal's own
 * services in one transaction, so it is there whole or not at all; a restart finds it and adds nothing.
 * The demo accounts' random passwords are kept in {@code .aventian/demo-accounts.properties} and printed
 * at each start: the one exception to "no secrets in logs", and only here.
 */
class LocalDemoData {

	static final String DEMO_USER = "demo@aventian.local";

	static final String DEMO_ADMIN = "admin@aventian.local";

	static final String DEMO_DOMAIN = "@demo.aventian.local";

	private static final InetAddress LOCALHOST = InetAddress.getLoopbackAddress();

	private final AccountService accounts;

	private final TeamService teams;

	private final MembershipService memberships;

	private final InvitationService invitations;

	private final AuditLog audit;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final String port;

	LocalDemoData(AccountService accounts, TeamService teams, MembershipService memberships,
			InvitationService invitations, AuditLog audit, JdbcTemplate jdbc, TransactionTemplate transaction,
			@Value("${local.server.port:${server.port}}") String port) {
		this.accounts = accounts;
		this.teams = teams;
		this.memberships = memberships;
		this.invitations = invitations;
		this.audit = audit;
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.port = port;
	}

	@EventListener(ApplicationReadyEvent.class)
	void createAndPrint() throws IOException {
		Properties passwords = loadPasswords(LocalPortal.DATA_DIRECTORY.resolve("demo-accounts.properties"));
		this.transaction.executeWithoutResult((status) -> {
			User demo = this.accounts.findUserByEmail(DEMO_USER)
				.orElseGet(() -> this.accounts.createVerifiedUser(DEMO_USER, "Dana Demo", passwords.getProperty(DEMO_USER)));
			if (this.accounts.findUserByEmail(DEMO_ADMIN).isEmpty()) {
				User admin = this.accounts.createVerifiedUser(DEMO_ADMIN, "Avery Admin", passwords.getProperty(DEMO_ADMIN));
				this.accounts.grantPlatformAdmin(admin.id());
			}
			// the people of the demo teams mark a portal already brought to life (also one of an older local mode)
			if (this.accounts.findUserByEmail("olivia.okafor" + DEMO_DOMAIN).isEmpty()) {
				bringToLife(demo);
			}
		});
		System.out.printf("%n  Aventian portal, local mode: http://localhost:%s%n"
				+ "  Demo user:           %s / %s%n"
				+ "  Demo platform admin: %s / %s%n"
				+ "  Or use \"Sign in with Aventian ID (local)\" as any e-mail you like.%n%n", this.port, DEMO_USER,
				passwords.getProperty(DEMO_USER), DEMO_ADMIN, passwords.getProperty(DEMO_ADMIN));
	}

	private void bringToLife(User demo) {
		UUID acme = this.teams.teamsOf(demo.id())
			.stream()
			.filter((team) -> team.name().equals("Acme Demo"))
			.findFirst()
			.map((team) -> team.id())
			.orElseGet(() -> this.teams.createTeam(demo.id(), demo.email(), "Acme Demo").id());
		populate(acme, demo, "Olivia Okafor", "Owner", "Arjun Patel", "Admin", "Beatriz Costa", "Admin",
				"Chen Wei", "Billing manager", "Dmitri Volkov", "Billing manager", "Emma Schulz", "Member",
				"Farah Haddad", "Member", "Gabriel Moreau", "Member", "Hana Sato", "Member", "Isaac Mensah", "Member",
				"Julia Nowak", "Member", "Kofi Boateng", "Member", "Lena Fischer", "Viewer", "Mateo Rossi", "Viewer");

		User nora = person("Nora Lindqvist");
		UUID northwind = this.teams.createTeam(nora.id(), nora.email(), "Northwind Labs").id();
		this.memberships.addMemberWithRole(northwind, demo.id(), roleOf(northwind, "Admin"), nora.id());
		populate(northwind, nora, "Omar Farouk", "Admin", "Priya Nair", "Member", "Quentin Blake", "Member",
				"Emma Schulz", "Billing manager", "Rosa Delgado", "Viewer");

		User sam = person("Sam Whitfield");
		UUID globex = this.teams.createTeam(sam.id(), sam.email(), "Globex Studio").id();
		this.memberships.addMemberWithRole(globex, demo.id(), roleOf(globex, "Member"), sam.id());
		populate(globex, sam, "Tariq Aziz", "Owner", "Uma Reddy", "Admin", "Victor Hugo", "Member",
				"Arjun Patel", "Viewer");

		Inviter dana = new Inviter(demo.id(), demo.email(), demo.displayName());
		invite(acme, dana, "Member", "wendy.walker@example.com", "xavier.ortiz@example.com", "yara.khalil@example.com");
		invite(acme, dana, "Viewer", "zoe.adams@example.com", "old.friend@example.com", "late.reply@example.com",
				"changed.mind@example.com");
		invite(northwind, dana, "Member", "ben.carter@example.com", "ivy.chen@example.com");
		expire(acme, "old.friend@example.com", 12);
		expire(acme, "late.reply@example.com", 9);
		this.invitations.resend(acme, dana, invitationOf(acme, "xavier.ortiz@example.com"));
		this.invitations.revoke(acme, dana, invitationOf(acme, "changed.mind@example.com"));

		MemberRow julia = this.memberships.member(acme, person("Julia Nowak").id());
		this.memberships.changeRole(new Actor(demo.id(), demo.email()), acme, julia.userId(),
				roleOf(acme, "Admin"), julia.version());
		for (int i = 0; i < 3; i++) {
			this.audit.recordLogin(demo.email(), LoginAction.LOGIN, null, LOCALHOST);
		}
		this.teams.switchTo(northwind, demo.id(), demo.email(), LOCALHOST);
		this.teams.switchTo(acme, demo.id(), demo.email(), LOCALHOST);
	}

	/** Adds each named person (made if new) to the team with the role named after them. */
	private void populate(UUID teamId, User owner, String... namesAndRoles) {
		for (int i = 0; i + 1 < namesAndRoles.length; i += 2) {
			this.memberships.addMemberWithRole(teamId, person(namesAndRoles[i]).id(), roleOf(teamId, namesAndRoles[i + 1]), owner.id());
		}
	}

	/** A demo person, e-mail from the name; nobody signs in as them, so their password is random and never shown. */
	private User person(String name) {
		String email = name.toLowerCase(Locale.ROOT).replace(' ', '.') + DEMO_DOMAIN;
		return this.accounts.findUserByEmail(email)
			.orElseGet(() -> this.accounts.createVerifiedUser(email, name, randomPassword()));
	}

	private void invite(UUID teamId, Inviter inviter, String role, String... emails) {
		this.invitations.invite(teamId, inviter, String.join("\n", emails), roleOf(teamId, role));
	}

	/** Dates an invitation back so it expired: the invitations page then shows it, and its history, as expired. */
	private void expire(UUID teamId, String email, int daysAgo) {
		this.jdbc.update("""
				update aventian.tbl_invitations
				set created_at = now() - make_interval(days => ?), expires_at = now() - make_interval(days => ? - 7)
				where team_id = ? and email = ?""", daysAgo, daysAgo, teamId, email);
		this.jdbc.update("""
				update aventian.tbl_invitation_events set occurred_at = now() - make_interval(days => ?)
				where invitation_id = (select id from aventian.tbl_invitations where team_id = ? and email = ?)""", daysAgo,
				teamId, email);
	}

	private UUID invitationOf(UUID teamId, String email) {
		return this.jdbc.queryForObject("select id from aventian.tbl_invitations where team_id = ? and email = ?",
				UUID.class, teamId, email);
	}

	private UUID roleOf(UUID teamId, String name) {
		return this.memberships.roles(teamId)
			.stream()
			.filter((role) -> role.name().equals(name))
			.findFirst()
			.map(TeamRole::id)
			.orElseThrow();
	}

	private static Properties loadPasswords(Path file) throws IOException {
		Properties passwords = new Properties();
		if (Files.exists(file)) {
			try (Reader reader = Files.newBufferedReader(file)) {
				passwords.load(reader);
			}
		}
		boolean changed = false;
		for (String email : new String[] { DEMO_USER, DEMO_ADMIN }) {
			if (passwords.getProperty(email) == null) {
				passwords.setProperty(email, randomPassword());
				changed = true;
			}
		}
		if (changed) {
			Files.createDirectories(file.getParent());
			try (Writer writer = Files.newBufferedWriter(file)) {
				passwords.store(writer, "Passwords of the local-mode demo accounts");
			}
		}
		return passwords;
	}

	private static String randomPassword() {
		byte[] bytes = new byte[15];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
