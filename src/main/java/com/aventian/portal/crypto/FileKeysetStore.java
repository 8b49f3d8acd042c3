package com.aventian.portal.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;

/**
 * Reads and writes the keyset file: plain Tink JSON, or wrapped by a key-encryption key (KMS) when one is
 * given. Every failure names the file and what to do; start-up stops on it rather than running with no key.
 */
final class FileKeysetStore implements KeysetStore {

	private final Path file;

	private final Optional<Aead> keyEncryptionKey;

	private final boolean createIfMissing;

	FileKeysetStore(Path file, Optional<Aead> keyEncryptionKey, boolean createIfMissing) {
		this.file = file.toAbsolutePath().normalize();
		this.keyEncryptionKey = keyEncryptionKey;
		this.createIfMissing = createIfMissing;
	}

	/**
	 * A plain keyset file that is not there and may not be made: the portal runs without team database
	 * encryption (nothing can be provisioned) rather than refusing to start, so a portal configured with nothing
	 * but its database still serves everything else. A wrapped (KMS) keyset is configured on purpose, so its
	 * absence stops start-up.
	 */
	@Override
	public boolean absentAndNotToBeMade() {
		return !Files.exists(this.file) && !this.createIfMissing && this.keyEncryptionKey.isEmpty();
	}

	@Override
	public String absenceMessage() {
		return "No keyset at " + this.file + ": set aventian.crypto.keyset.file to the keyset of this environment"
				+ " (it encrypts every team's database connection; a new one would not open the stored values)";
	}

	/**
	 * What identifies the file's current content without reading it: every save moves a new file over the old
	 * one, so its inode and modification time change. Null when there is no file. Cheap: checked at every use.
	 */
	@Override
	public Object stamp() {
		try {
			BasicFileAttributes attributes = Files.readAttributes(this.file, BasicFileAttributes.class);
			return List.of(String.valueOf(attributes.fileKey()), attributes.lastModifiedTime(), attributes.size());
		}
		catch (IOException ex) {
			return null;
		}
	}

	@Override
	public KeysetHandle load() {
		if (!Files.exists(this.file)) {
			if (!this.createIfMissing) {
				throw new KeysetUnavailableException(absenceMessage() + ".");
			}
			KeysetHandle created = KeysetStore.generate();
			save(created);
			return created;
		}
		String json;
		try {
			json = Files.readString(this.file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new KeysetUnavailableException("The keyset at " + this.file + " cannot be read: " + ex.getMessage(), ex);
		}
		try {
			return (this.keyEncryptionKey.isPresent())
					? TinkJsonProtoKeysetFormat.parseEncryptedKeyset(json, this.keyEncryptionKey.get(), WRAPPING_CONTEXT)
					: TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			throw new KeysetUnavailableException("The keyset at " + this.file + (this.keyEncryptionKey.isPresent()
					? " cannot be unwrapped with the configured key-encryption key (aventian.crypto.keyset.kms-key-uri)"
					: " is not a readable Tink keyset") + ": " + ex.getClass().getSimpleName(), ex);
		}
	}

	/** Writes the keyset whole (a temporary file moved over the old one), readable by the owner only. */
	@Override
	public void save(KeysetHandle keyset) {
		try {
			String json = (this.keyEncryptionKey.isPresent())
					? TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(keyset, this.keyEncryptionKey.get(), WRAPPING_CONTEXT)
					: TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
			Files.createDirectories(this.file.getParent());
			Path temporary = Files.createTempFile(this.file.getParent(), ".keyset-", ".tmp");
			try {
				Files.writeString(temporary, json, StandardCharsets.UTF_8);
				restrict(temporary);
				try {
					Files.move(temporary, this.file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
				}
				catch (AtomicMoveNotSupportedException ex) {
					Files.move(temporary, this.file, StandardCopyOption.REPLACE_EXISTING);
				}
			}
			finally {
				Files.deleteIfExists(temporary);
			}
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new KeysetUnavailableException("The keyset could not be written to " + this.file + ": "
					+ ex.getClass().getSimpleName(), ex);
		}
	}

	private static void restrict(Path path) {
		try {
			Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException | IOException ex) {
			// not a POSIX file system: the folder's own permissions protect it
		}
	}

}
