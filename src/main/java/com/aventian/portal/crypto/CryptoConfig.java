package com.aventian.portal.crypto;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Optional;
import java.util.function.Consumer;

import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.integration.gcpkms.GcpKmsClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The connection cipher over the configured keyset. Made eagerly at start-up: a keyset that cannot be read
 * or unwrapped stops the portal with a message naming the file or secret and the setting, before any request.
 * With {@code GCP_SECRET_MANAGER} the client is a {@link SecretManagerServiceClient} bean where the context has
 * one, else one made with the application default credentials (the service account) and closed with the cipher.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KeysetProperties.class)
class CryptoConfig {

	@Bean
	ConnectionCipher connectionCipher(KeysetProperties properties, ObjectProvider<SecretManagerServiceClient> secretManager,
			ApplicationEventPublisher events) {
		KeysetStore store = store(properties, secretManager.getIfAvailable(), events::publishEvent);
		try {
			return new ConnectionCipher(store);
		}
		catch (RuntimeException ex) {
			// start-up stops here: the client made for the store goes with it
			store.close();
			throw ex;
		}
	}

	/** The configured store; {@code given} is the Secret Manager client to use, null to make one if needed. */
	static KeysetStore store(KeysetProperties properties, SecretManagerServiceClient given,
			Consumer<KeysetSecretVersion> versions) {
		if (properties.source() == KeysetProperties.Source.GCP_SECRET_MANAGER) {
			Optional<Aead> wrapping = StringUtils.hasText(properties.kmsKeyUri()) ? Optional.of(kms(properties)) : Optional.empty();
			return new SecretManagerKeysetStore((given != null) ? given : defaultClient(), given == null, properties.secret(),
					wrapping, properties.checkInterval(), versions);
		}
		if (properties.file() == null) {
			throw new KeysetUnavailableException("aventian.crypto.keyset.file is not set: it names the keyset that encrypts"
					+ " every team's database connection.");
		}
		if (properties.source() == KeysetProperties.Source.GCP_KMS) {
			// a new keyset is never made under KMS: it would not open the values stored by the other instances
			return new FileKeysetStore(properties.file(), Optional.of(kms(properties)), false);
		}
		return new FileKeysetStore(properties.file(), Optional.empty(), properties.createIfMissing());
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

	private static SecretManagerServiceClient defaultClient() {
		try {
			return SecretManagerServiceClient.create();
		}
		catch (IOException ex) {
			throw new KeysetUnavailableException("Secret Manager cannot be reached with the application default credentials"
					+ " (aventian.crypto.keyset.source=GCP_SECRET_MANAGER): " + ex.getMessage(), ex);
		}
	}

}
