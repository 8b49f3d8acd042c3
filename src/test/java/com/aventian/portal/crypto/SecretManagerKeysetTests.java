package com.aventian.portal.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.aventian.portal.InProcessSecretManager;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The keyset held in a GCP Secret Manager secret ({@code aventian.crypto.keyset.source=GCP_SECRET_MANAGER}),
 * against Secret Manager served in-process over gRPC: read at its latest version, plain or wrapped, a new version
 * per rotation, and instances converging on another's rotation.
 */
class SecretManagerKeysetTests {

	private static final String KEYSET = "projects/avn-test/secrets/portal-keyset";

	private static final byte[] SECRET = "postgresql://u:s3cret@db:5432/x".getBytes(StandardCharsets.UTF_8);

	private final InProcessSecretManager service = InProcessSecretManager.start();

	private final List<SecretManagerServiceClient> clients = new CopyOnWriteArrayList<>();

	private final List<KeysetSecretVersion> versions = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void registerTink() throws GeneralSecurityException {
		AeadConfig.register();
	}

	@AfterEach
	void stop() {
		this.clients.forEach(SecretManagerServiceClient::close);
		this.service.close();
	}

	/** An instance of the portal: its own client and cipher over the one secret. */
	private ConnectionCipher instance(Optional<Aead> keyEncryptionKey, Duration checkEvery) {
		SecretManagerServiceClient client = this.service.client();
		this.clients.add(client);
		return new ConnectionCipher(
				new SecretManagerKeysetStore(client, false, KEYSET, keyEncryptionKey, checkEvery, this.versions::add));
	}

	private ConnectionCipher instance() {
		return instance(Optional.empty(), Duration.ofHours(1));
	}

	private void storePlainKeyset() throws Exception {
		this.service.add(KEYSET, "1",
				TinkJsonProtoKeysetFormat.serializeKeyset(KeysetStore.generate(), InsecureSecretKeyAccess.get()));
	}

	private static Binding row() {
		return new Binding(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
	}

	@Nested
	class Reading {

		@Test
		void aPlainKeysetInTheSecretsLatestVersionSealsAndOpensAndItsVersionIsToldForThePointer() throws Exception {
			storePlainKeyset();
			Binding row = row();

			ConnectionCipher cipher = instance();
			Sealed sealed = cipher.seal(SECRET, row);

			assertThat(cipher.open(sealed, row)).isEqualTo(SECRET);
			assertThat(cipher.secretVersion()).contains(new KeysetSecretVersion(KEYSET, "1"));
			assertThat(SecretManagerKeysetTests.this.versions).containsExactly(new KeysetSecretVersion(KEYSET, "1"));
		}

		@Test
		void aKeysetWrappedByAKeyEncryptionKeyOpensOnlyWithThatKey() throws Exception {
			Aead kek = keyEncryptionKey();
			SecretManagerKeysetTests.this.service.add(KEYSET, "1",
					TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(KeysetStore.generate(), kek, KeysetStore.WRAPPING_CONTEXT));
			Binding row = row();

			Sealed sealed = instance(Optional.of(kek), Duration.ofHours(1)).seal(SECRET, row);

			assertThat(instance(Optional.of(kek), Duration.ofHours(1)).open(sealed, row)).isEqualTo(SECRET);
			assertThat(SecretManagerKeysetTests.this.service.value(KEYSET, "1")).contains("encryptedKeyset")
				// a plain keyset's key material sits under "keyData" (quoted names cannot occur in the base64 ciphertext)
				.doesNotContain("\"keyData\"", "\"keyMaterialType\"");
			assertThatThrownBy(() -> instance(Optional.of(keyEncryptionKey()), Duration.ofHours(1)))
				.isInstanceOf(KeysetUnavailableException.class)
				.hasMessageContaining(KEYSET + "/versions/1")
				.hasMessageContaining("cannot be unwrapped")
				.hasMessageContaining("kms-key-uri");
			assertThatThrownBy(SecretManagerKeysetTests.this::instance).isInstanceOf(KeysetUnavailableException.class)
				.hasMessageContaining("is wrapped by a key-encryption key")
				.hasMessageContaining("aventian.crypto.keyset.kms-key-uri");
		}

		@Test
		void readsBetweenChecksAskSecretManagerNothing() throws Exception {
			storePlainKeyset();
			ConnectionCipher cipher = instance();
			Binding row = row();
			Sealed sealed = cipher.seal(SECRET, row);
			int before = SecretManagerKeysetTests.this.service.accesses();

			for (int i = 0; i < 20; i++) {
				cipher.open(sealed, row);
			}

			assertThat(SecretManagerKeysetTests.this.service.accesses()).isEqualTo(before);
		}

	}

	@Nested
	class StartUp {

		private final ApplicationContextRunner portal = new ApplicationContextRunner()
			.withUserConfiguration(CryptoConfig.class)
			.withBean(SecretManagerServiceClient.class, SecretManagerKeysetTests.this.service::client)
			.withPropertyValues("aventian.crypto.keyset.source=GCP_SECRET_MANAGER");

		@Test
		void chosenByConfigurationTheCipherReadsTheSecretAndKnowsTheVersionInUse() throws Exception {
			storePlainKeyset();

			this.portal.withPropertyValues("aventian.crypto.keyset.secret=" + KEYSET)
				.run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(context.getBean(ConnectionCipher.class).secretVersion())
						.contains(new KeysetSecretVersion(KEYSET, "1"));
				});
		}

		@Test
		void aSecretThatCannotBeReadStopsStartUpNamingTheSecretAndTheRoleItNeeds() {
			this.portal.withPropertyValues("aventian.crypto.keyset.secret=projects/avn-test/secrets/someone-elses")
				.run((context) -> assertThat(reason(context.getStartupFailure()))
					.hasMessageContaining("projects/avn-test/secrets/someone-elses/versions/latest")
					.hasMessageContaining("PERMISSION_DENIED")
					.hasMessageContaining("roles/secretmanager.secretAccessor"));
		}

		@Test
		void aPinnedVersionOrNoSecretIsRefusedAtStartUpSayingWhy() {
			this.portal.withPropertyValues("aventian.crypto.keyset.secret=" + KEYSET + "/versions/1")
				.run((context) -> assertThat(reason(context.getStartupFailure()))
					.hasMessageContaining("without a version")
					.hasMessageContaining("a rotation adds the new keyset as a new version"));
			this.portal.run((context) -> assertThat(reason(context.getStartupFailure()))
				.hasMessageContaining("aventian.crypto.keyset.secret")
				.hasMessageContaining("not set"));
		}

	}

	@Nested
	class Rotation {

		@Test
		void aRotationAddsTheWholeNewKeysetAsANewVersionAndLeavesTheOlderOneAsItWas() throws Exception {
			storePlainKeyset();
			String first = SecretManagerKeysetTests.this.service.value(KEYSET, "1");
			ConnectionCipher cipher = instance();
			Binding row = row();
			Sealed before = cipher.seal(SECRET, row);

			long newKey = cipher.rotate();

			assertThat(SecretManagerKeysetTests.this.service.latest(KEYSET)).isEqualTo("2");
			assertThat(SecretManagerKeysetTests.this.service.value(KEYSET, "1")).isEqualTo(first);
			KeysetHandle stored = TinkJsonProtoKeysetFormat.parseKeyset(SecretManagerKeysetTests.this.service.value(KEYSET, "2"),
					InsecureSecretKeyAccess.get());
			assertThat(Integer.toUnsignedLong(stored.getPrimary().getId())).isEqualTo(newKey);
			assertThat(stored.size()).isEqualTo(2);
			assertThat(cipher.open(before, row)).isEqualTo(SECRET);
			assertThat(cipher.seal(SECRET, row).keyId()).isEqualTo(newKey);
			assertThat(cipher.secretVersion()).contains(new KeysetSecretVersion(KEYSET, "2"));
			assertThat(SecretManagerKeysetTests.this.versions).endsWith(new KeysetSecretVersion(KEYSET, "2"));
		}

		@Test
		void aRotationThePortalMayNotStoreIsRefusedNamingTheRoleAndChangesNothing() throws Exception {
			storePlainKeyset();
			ConnectionCipher cipher = instance();
			long primary = cipher.primaryKeyId();
			SecretManagerKeysetTests.this.service.refuseNewVersions(KEYSET);

			assertThatThrownBy(cipher::rotate).isInstanceOf(KeysetUnavailableException.class)
				.hasMessageContaining("roles/secretmanager.secretVersionAdder")
				.hasMessageContaining("nothing was changed");

			assertThat(cipher.primaryKeyId()).isEqualTo(primary);
			assertThat(SecretManagerKeysetTests.this.service.latest(KEYSET)).isEqualTo("1");
		}

		@Test
		void anotherInstancesRotationIsReadWhenAValueNamesItsNewKey() throws Exception {
			storePlainKeyset();
			ConnectionCipher one = instance();
			ConnectionCipher two = instance();
			Binding row = row();

			one.rotate();
			Sealed sealed = one.seal(SECRET, row);

			assertThat(two.open(sealed, row)).isEqualTo(SECRET);
			assertThat(two.secretVersion()).contains(new KeysetSecretVersion(KEYSET, "2"));
		}

		@Test
		void anotherInstancesRotationIsTheKeyThisOneSealsWithAndReportsAsPrimary() throws Exception {
			storePlainKeyset();
			ConnectionCipher one = instance();
			ConnectionCipher two = instance();

			long newKey = one.rotate();

			// the re-encryption job may run on either instance: both must aim at the same primary key
			assertThat(two.primaryKeyId()).isEqualTo(newKey);
			assertThat(two.seal(SECRET, row()).keyId()).isEqualTo(newKey);
		}

		@Test
		void keysAnotherInstanceDisabledStopOpeningHereAtTheNextCheck() throws Exception {
			storePlainKeyset();
			ConnectionCipher one = instance();
			// a check at every read, standing for the interval having passed
			ConnectionCipher two = instance(Optional.empty(), Duration.ofNanos(1));
			Binding row = row();
			Sealed old = two.seal(SECRET, row);
			one.rotate();

			one.disableOlderKeys();

			assertThatThrownBy(() -> two.open(old, row)).isInstanceOf(CipherException.class);
			assertThat(SecretManagerKeysetTests.this.service.latest(KEYSET)).isEqualTo("3");
		}

	}

	/** What stopped start-up, as the portal reports it: the keyset's own exception in the chain of bean failures. */
	private static KeysetUnavailableException reason(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof KeysetUnavailableException keyset) {
				return keyset;
			}
		}
		throw new AssertionError("Start-up did not stop on the keyset", failure);
	}

	/** Stands in for Cloud KMS: the wrapping code is the same, only the key-encryption key differs. */
	private static Aead keyEncryptionKey() throws Exception {
		return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM).getPrimitive(RegistryConfiguration.get(), Aead.class);
	}

}
