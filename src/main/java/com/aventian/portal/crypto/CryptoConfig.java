package com.aventian.portal.crypto;

import java.security.GeneralSecurityException;
import java.util.Optional;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.integration.gcpkms.GcpKmsClient;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The connection cipher over the configured keyset. Made eagerly at start-up: a keyset that cannot be read
 * or unwrapped stops the portal with a message naming the file and the setting, before any request.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KeysetProperties.class)
class CryptoConfig {

	@Bean
	ConnectionCipher connectionCipher(KeysetProperties properties) {
		return new ConnectionCipher(store(properties));
	}

	static KeysetStore store(KeysetProperties properties) {
		if (properties.file() == null) {
			throw new KeysetUnavailableException("aventian.crypto.keyset.file is not set: it names the keyset that encrypts"
					+ " every team's database connection.");
		}
		if (properties.source() == KeysetProperties.Source.GCP_KMS) {
			// a new keyset is never made under KMS: it would not open the values stored by the other instances
			return new KeysetStore(properties.file(), Optional.of(kms(properties)), false);
		}
		return new KeysetStore(properties.file(), Optional.empty(), properties.createIfMissing());
	}

	private static Aead kms(KeysetProperties properties) {
		String uri = properties.kmsKeyUri();
		if (!StringUtils.hasText(uri) || !uri.startsWith(GcpKmsClient.PREFIX)) {
			throw new KeysetUnavailableException("aventian.crypto.keyset.kms-key-uri must name the key-encryption key as "
					+ GcpKmsClient.PREFIX + "projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>");
		}
		try {
			GcpKmsClient client = new GcpKmsClient(uri);
			KmsClient credentialed = StringUtils.hasText(properties.kmsCredentialsFile())
					? client.withCredentials(properties.kmsCredentialsFile()) : client.withDefaultCredentials();
			return credentialed.getAead(uri);
		}
		catch (GeneralSecurityException ex) {
			throw new KeysetUnavailableException("Cloud KMS key " + uri + " cannot be used: " + ex.getMessage(), ex);
		}
	}

}
