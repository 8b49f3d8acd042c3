package com.aventian.portal.product;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** A product's provisioning script path is accepted only when it leads to a readable .sql file inside the scripts root. */
class ProvisioningScriptsTests {

	@TempDir
	Path folder;

	Path root;

	ProvisioningScripts scripts;

	@BeforeEach
	void aScriptsRootWithOneScript() throws IOException {
		this.root = Files.createDirectories(this.folder.resolve("products"));
		Files.createDirectories(this.root.resolve("crm"));
		Files.writeString(this.root.resolve("crm/provision.sql"), "create schema if not exists crm;");
		Files.writeString(this.folder.resolve("secret.sql"), "select 1;");
		this.scripts = new ProvisioningScripts(this.root);
	}

	@Test
	void aReadableScriptInsideTheRootIsAccepted() {
		assertThat(this.scripts.problemWith("crm/provision.sql")).isEmpty();
		assertThat(this.scripts.resolve("crm/provision.sql")).isEqualTo(this.root.resolve("crm/provision.sql"));
	}

	@Test
	void aPathClimbingOutOfTheRootIsRefused() {
		assertThat(this.scripts.problemWith("../secret.sql")).get().asString().contains("leaves the scripts folder");
		assertThat(this.scripts.problemWith("crm/../../secret.sql")).get().asString().contains("leaves the scripts folder");
	}

	@Test
	void anAbsolutePathIsRefused() {
		assertThat(this.scripts.problemWith(this.folder.resolve("secret.sql").toString())).get().asString()
			.contains("relative to the scripts folder");
		assertThat(this.scripts.problemWith("/etc/passwd")).get().asString().contains("relative to the scripts folder");
	}

	@Test
	void aSymbolicLinkInsideTheRootLeadingOutIsRefused() throws IOException {
		Files.createSymbolicLink(this.root.resolve("crm/link.sql"), this.folder.resolve("secret.sql"));

		assertThat(this.scripts.problemWith("crm/link.sql")).get().asString().contains("leads outside the scripts folder");
	}

	@Test
	void aMissingFileAFolderOrAFileThatIsNotSqlIsRefused() throws IOException {
		Files.createDirectories(this.root.resolve("folder.sql"));
		Files.writeString(this.root.resolve("crm/notes.txt"), "hello");

		assertThat(this.scripts.problemWith("crm/missing.sql")).get().asString().contains("No readable script");
		assertThat(this.scripts.problemWith("folder.sql")).get().asString().contains("No readable script");
		assertThat(this.scripts.problemWith("crm/notes.txt")).get().asString().contains("SQL file");
		assertThat(this.scripts.problemWith("crm/\0.sql")).isPresent();
	}

}
