package com.aventian.portal.product;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where products' provisioning scripts live: {@code aventian.products.scripts-root} (default {@code db/products}).
 * A product names its script relative to that root; provisioning (issue 13) reads it from there, so a path
 * is accepted only when it resolves, symbolic links followed, to a readable {@code .sql} file inside the root.
 */
@Component
public class ProvisioningScripts {

	private final Path root;

	ProvisioningScripts(@Value("${aventian.products.scripts-root:db/products}") Path root) {
		this.root = root.toAbsolutePath().normalize();
	}

	/** The script's file, for a path accepted by {@link #problemWith}. */
	public Path resolve(String relativePath) {
		return this.root.resolve(relativePath).normalize();
	}

	/** Why the path cannot be a product's script, or empty when it can. */
	public Optional<String> problemWith(String relativePath) {
		Path path;
		try {
			path = Path.of(relativePath);
		}
		catch (InvalidPathException ex) {
			return Optional.of("That is not a file path.");
		}
		if (path.isAbsolute() || relativePath.startsWith("/") || relativePath.startsWith("\\")) {
			return Optional.of("Give the path relative to the scripts folder (" + this.root + "), e.g. crm/provision.sql.");
		}
		Path resolved = this.root.resolve(path).normalize();
		if (!resolved.startsWith(this.root)) {
			return Optional.of("The path leaves the scripts folder; the script must lie inside " + this.root + ".");
		}
		if (!relativePath.endsWith(".sql")) {
			return Optional.of("A provisioning script is an SQL file ending in .sql.");
		}
		try {
			// a symbolic link inside the root may point anywhere: judge where it really leads
			Path real = resolved.toRealPath();
			Path realRoot = this.root.toRealPath();
			if (!real.startsWith(realRoot)) {
				return Optional.of("The path leads outside the scripts folder; the script must lie inside " + this.root + ".");
			}
			if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS) || !Files.isReadable(real)) {
				return Optional.of("No readable script at " + relativePath + " in " + this.root + ".");
			}
			return Optional.empty();
		}
		catch (IOException ex) {
			return Optional.of("No readable script at " + relativePath + " in " + this.root + ".");
		}
	}

}
