package com.aventian.portal.crypto;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code aventian.crypto.keyset.*}: where the keyset encrypting team database connections lives. {@code FILE}
 * keeps it as plain Tink JSON in {@code file} (local mode and tests: created at first start when
 * {@code create-if-missing}); {@code GCP_KMS} keeps it in {@code file} wrapped by the key-encryption key
 * {@code kms-key-uri} ({@code gcp-kms://projects/.../cryptoKeys/...}), which never leaves Cloud KMS;
 * {@code GCP_SECRET_MANAGER} keeps it in the Secret Manager secret {@code secret} ({@code projects/<p>/secrets/<s>},
 * its latest version), wrapped by {@code kms-key-uri} when that is set, else plain; reads look for a newer
 * version at most every {@code check-interval}.
 */
@ConfigurationProperties("aventian.crypto.keyset")
public record KeysetProperties(Source source, Path file, boolean createIfMissing, String kmsKeyUri,
		String kmsCredentialsFile, String secret, @DefaultValue("5m") Duration checkInterval) {

	public enum Source {

		FILE, GCP_KMS, GCP_SECRET_MANAGER

	}

}
