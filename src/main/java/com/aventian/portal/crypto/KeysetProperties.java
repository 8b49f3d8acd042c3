package com.aventian.portal.crypto;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code aventian.crypto.keyset.*}: where the keyset encrypting team database connections lives. {@code FILE}
 * keeps it as plain Tink JSON in {@code file} (local mode and tests: created at first start when
 * {@code create-if-missing}); {@code GCP_KMS} keeps it in {@code file} wrapped by the key-encryption key
 * {@code kms-key-uri} ({@code gcp-kms://projects/.../cryptoKeys/...}), which never leaves Cloud KMS.
 */
@ConfigurationProperties("aventian.crypto.keyset")
public record KeysetProperties(Source source, Path file, boolean createIfMissing, String kmsKeyUri,
		String kmsCredentialsFile) {

	public enum Source {

		FILE, GCP_KMS

	}

}
