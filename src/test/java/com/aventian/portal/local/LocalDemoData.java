package com.aventian.portal.local;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

import com.aventian.portal.account.AccountService;
import com.aventian.portal.account.User;
import com.aventian.portal.team.TeamService;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Demo accounts of local mode: a user who owns a team, and a platform admin. Their random passwords are
 * kept in {@code .aventian/demo-accounts.properties} and printed at each start: the one exception to
 * "no secrets in logs", and only here.
 */
class LocalDemoData {

	static final String DEMO_USER = "demo@aventian.local";

	static final String DEMO_ADMIN = "admin@aventian.local";

	private final AccountService accounts;

	private final TeamService teams;

	private final String port;

	LocalDemoData(AccountService accounts, TeamService teams, @Value("${local.server.port:${server.port}}") String port) {
		this.accounts = accounts;
		this.teams = teams;
		this.port = port;
	}

	@EventListener(ApplicationReadyEvent.class)
	void createAndPrint() throws IOException {
		Properties passwords = loadPasswords(LocalPortal.DATA_DIRECTORY.resolve("demo-accounts.properties"));
		if (this.accounts.findUserByEmail(DEMO_USER).isEmpty()) {
			User demo = this.accounts.createVerifiedUser(DEMO_USER, "Dana Demo", passwords.getProperty(DEMO_USER));
			this.teams.createTeam(demo.id(), demo.email(), "Acme Demo");
		}
		if (this.accounts.findUserByEmail(DEMO_ADMIN).isEmpty()) {
			User admin = this.accounts.createVerifiedUser(DEMO_ADMIN, "Avery Admin", passwords.getProperty(DEMO_ADMIN));
			this.accounts.grantPlatformAdmin(admin.id());
		}
		System.out.printf("%n  Aventian portal, local mode: http://localhost:%s%n"
				+ "  Demo user:           %s / %s%n"
				+ "  Demo platform admin: %s / %s%n"
				+ "  Or use \"Sign in with Aventian ID (local)\" as any e-mail you like.%n%n", this.port, DEMO_USER,
				passwords.getProperty(DEMO_USER), DEMO_ADMIN, passwords.getProperty(DEMO_ADMIN));
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
