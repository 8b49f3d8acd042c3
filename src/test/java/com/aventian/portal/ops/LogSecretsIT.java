package com.aventian.portal.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.aventian.portal.TestUsers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No secret the test suite used reaches a log line. Failsafe runs this after Surefire, so it reads what
 * every test wrote ({@code redirectTestOutputToFile}: {@code target/surefire-reports/*-output.txt}, and
 * the browser tests' files that ran before it) and names the file and line of each leak.
 */
class LogSecretsIT {

	private static final List<Path> REPORTS = List.of(Path.of("target/surefire-reports"), Path.of("target/failsafe-reports"));

	/** What the suite's tests sign in with, authenticate with and connect with, as each would appear in a line. */
	private static final Map<String, Pattern> SECRETS = Map.of(
			"the test users' password", Pattern.compile(Pattern.quote(TestUsers.PASSWORD)),
			"a metrics scrape token", Pattern.compile("scrape-token-for-tests-[0-9a-z]+"),
			"the OIDC client secret", Pattern.compile(Pattern.quote("local-only-secret")),
			"the database password", Pattern.compile("(?i)password[\"'=: ]+postgres\\b"),
			"a Secret Manager value", Pattern.compile("secret-manager-value-[0-9a-z]+"),
			"a password hash", Pattern.compile(Pattern.quote("$argon2id$")),
			"a session cookie", Pattern.compile("AVENTIAN_SESSION=[A-Za-z0-9]"),
			"a mailed link's token", Pattern.compile("[?&]token=[A-Za-z0-9_-]{16,}"));

	@Test
	void noLogLineOfTheSuiteHoldsASecretItUsed() throws IOException {
		List<Path> outputs = new ArrayList<>();
		for (Path reports : REPORTS) {
			if (Files.isDirectory(reports)) {
				try (Stream<Path> files = Files.list(reports)) {
					files.filter((file) -> file.getFileName().toString().endsWith("-output.txt")).forEach(outputs::add);
				}
			}
		}
		assertThat(outputs).as("test output files (Surefire runs before this)").isNotEmpty();

		List<String> leaks = new ArrayList<>();
		for (Path output : outputs) {
			leaks.addAll(leaksIn(output));
		}

		assertThat(leaks).as("log lines holding a secret").isEmpty();
	}

	private static List<String> leaksIn(Path output) {
		List<String> leaks = new ArrayList<>();
		try (Stream<String> lines = Files.lines(output, StandardCharsets.UTF_8)) {
			int[] number = { 0 };
			lines.forEach((line) -> {
				number[0]++;
				SECRETS.forEach((what, pattern) -> {
					if (pattern.matcher(line).find()) {
						leaks.add(output + ":" + number[0] + " holds " + what);
					}
				});
			});
		}
		catch (UncheckedIOException | IOException ex) {
			leaks.add(output + " could not be read: " + ex.getMessage());
		}
		return leaks;
	}

}
