package com.aventian.portal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The JVM flags have one source, {@code bench/jvm.options}: the image runs with that file and the README quotes it. */
class ProductionJvmFlagsTests {

	static List<String> flags() throws IOException {
		return Files.readAllLines(Path.of("bench/jvm.options"))
			.stream()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.toList();
	}

	@Test
	void theImageCopiesTheFlagsFileAndStartsJavaWithIt() throws IOException {
		String dockerfile = Files.readString(Path.of("docker/Dockerfile"));

		assertThat(dockerfile).contains("COPY --chown=aventian:aventian bench/jvm.options /app/jvm.options")
			.contains("ENTRYPOINT [\"java\", \"@/app/jvm.options\", \"-jar\", \"/app/aventian-portal.jar\"]")
			.doesNotContain("JAVA_TOOL_OPTIONS");
	}

	@Test
	void theReadmeQuotesExactlyTheFlagsOfTheFile() throws IOException {
		String readme = Files.readString(Path.of("README.md"));

		assertThat(flags()).isNotEmpty();
		assertThat(readme).contains("java @bench/jvm.options -jar").contains("`" + String.join(" ", flags()) + "`");
	}

}
