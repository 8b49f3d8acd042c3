package com.aventian.portal.crypto;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionCipherTests {

	private static final byte[] SECRET = "postgresql://u:s3cret@db:5432/x".getBytes(StandardCharsets.UTF_8);

	@TempDir
	Path folder;

	private ConnectionCipher cipher() {
		return new ConnectionCipher(new FileKeysetStore(this.folder.resolve("keyset.json"), Optional.empty(), true));
	}

	private static Binding row() {
		return new Binding(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
	}

	@Nested
	class AssociatedData {

		@Test
		void aValueOpensOnlyForTheRowItWasMadeFor() {
			ConnectionCipher cipher = cipher();
			Binding row = row();
			Sealed sealed = cipher.seal(SECRET, row);

			assertThat(cipher.open(sealed, row)).isEqualTo(SECRET);
			assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("s3cret");
			for (Binding other : new Binding[] { new Binding(UUID.randomUUID(), row.productId(), row.subscriptionId()),
					new Binding(row.teamId(), UUID.randomUUID(), row.subscriptionId()),
					new Binding(row.teamId(), row.productId(), UUID.randomUUID()) }) {
				assertThatThrownBy(() -> cipher.open(sealed, other)).isInstanceOf(CipherException.class)
					.hasMessageNotContaining("s3cret");
			}
		}

		@Test
		void aTamperedCiphertextDoesNotOpen() {
			ConnectionCipher cipher = cipher();
			Binding row = row();
			Sealed sealed = cipher.seal(SECRET, row);
			byte[] tampered = sealed.ciphertext().clone();
			tampered[tampered.length - 1] ^= 1;

			assertThatThrownBy(() -> cipher.open(new Sealed(tampered, sealed.keyId()), row)).isInstanceOf(CipherException.class);
		}

		@Test
		void theSealedValueNamesItsKeyAndItsTextFormStaysEncrypted() {
			ConnectionCipher cipher = cipher();
			Binding row = row();
			Sealed sealed = cipher.seal(SECRET, row);

			assertThat(sealed.keyId()).isEqualTo(cipher.primaryKeyId());
			assertThat(sealed.toString()).doesNotContain("s3cret");
			assertThat(sealed.toText()).doesNotContain("s3cret");
			assertThat(cipher.open(Sealed.fromText(sealed.toText()), row)).isEqualTo(SECRET);
		}

	}

	@Nested
	class Rotation {

		@Test
		void afterARotationOldValuesStillOpenAndNewOnesCarryTheNewKey() {
			ConnectionCipher cipher = cipher();
			Binding row = row();
			Sealed before = cipher.seal(SECRET, row);

			long newKey = cipher.rotate();
			Sealed after = cipher.seal(SECRET, row);

			assertThat(newKey).isNotEqualTo(before.keyId());
			assertThat(after.keyId()).isEqualTo(newKey);
			assertThat(cipher.open(before, row)).isEqualTo(SECRET);
			assertThat(cipher.open(after, row)).isEqualTo(SECRET);
			assertThat(cipher.keys()).hasSize(2).filteredOn(ConnectionCipher.KeyInfo::primary).singleElement()
				.extracting(ConnectionCipher.KeyInfo::id).isEqualTo(newKey);
		}

		@Test
		void aDisabledOlderKeyNoLongerOpensItsValues() {
			ConnectionCipher cipher = cipher();
			Binding row = row();
			Sealed old = cipher.seal(SECRET, row);
			cipher.rotate();

			assertThat(cipher.disableOlderKeys()).isEqualTo(1);

			assertThatThrownBy(() -> cipher.open(old, row)).isInstanceOf(CipherException.class);
		}

		@Test
		void anotherInstancesRotationIsReadWhenAValueNamesItsNewKey() {
			ConnectionCipher one = cipher();
			ConnectionCipher two = cipher();
			Binding row = row();

			one.rotate();
			Sealed sealed = one.seal(SECRET, row);

			assertThat(two.open(sealed, row)).isEqualTo(SECRET);
		}

		@Test
		void anotherInstancesRotationIsTheKeyThisOneSealsWithAndReportsAsPrimary() {
			ConnectionCipher one = cipher();
			ConnectionCipher two = cipher();

			long newKey = one.rotate();

			// the re-encryption job may run on either instance: both must aim at the same primary key
			assertThat(two.primaryKeyId()).isEqualTo(newKey);
			assertThat(two.seal(SECRET, row()).keyId()).isEqualTo(newKey);
		}

		@Test
		void anotherInstancesDisabledKeyIsNoLongerUsedHere() {
			ConnectionCipher one = cipher();
			ConnectionCipher two = cipher();
			Binding row = row();
			Sealed old = two.seal(SECRET, row);
			one.rotate();

			one.disableOlderKeys();

			assertThatThrownBy(() -> two.open(old, row)).isInstanceOf(CipherException.class);
			assertThat(two.keys()).filteredOn(ConnectionCipher.KeyInfo::enabled).singleElement()
				.extracting(ConnectionCipher.KeyInfo::primary).isEqualTo(true);
		}

	}

	@Nested
	class Keysets {

		@Test
		void aKeysetMadeAtFirstStartIsReadAgainAtTheNext() {
			Binding row = row();
			Sealed sealed = cipher().seal(SECRET, row);

			assertThat(cipher().open(sealed, row)).isEqualTo(SECRET);
			assertThat(Files.exists(ConnectionCipherTests.this.folder.resolve("keyset.json"))).isTrue();
		}

		@Test
		void withNoKeysetAndNoPermissionToMakeOneThePortalStartsButSealsAndOpensNothingNamingTheFileAndTheSetting() {
			Path file = ConnectionCipherTests.this.folder.resolve("missing.json");

			ConnectionCipher cipher = new ConnectionCipher(new FileKeysetStore(file, Optional.empty(), false));

			assertThat(cipher.available()).isFalse();
			assertThat(cipher.keys()).isEmpty();
			assertThat(Files.exists(file)).isFalse();
			assertThatThrownBy(() -> cipher.seal(SECRET, new Binding(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID())))
				.isInstanceOf(KeysetUnavailableException.class)
				.hasMessageContaining(file.toString())
				.hasMessageContaining("aventian.crypto.keyset.file");
			assertThatThrownBy(cipher::rotate).isInstanceOf(KeysetUnavailableException.class);
		}

		@Test
		void anUnreadableKeysetStopsStartUpNamingTheFile() throws Exception {
			Path file = ConnectionCipherTests.this.folder.resolve("broken.json");
			Files.writeString(file, "{\"primaryKeyId\": 1, \"key\": [");

			assertThatThrownBy(() -> new ConnectionCipher(new FileKeysetStore(file, Optional.empty(), true)))
				.isInstanceOf(KeysetUnavailableException.class)
				.hasMessageContaining(file.toString());
		}

		@Test
		void aWrappedKeysetOpensWithItsKeyEncryptionKeyAndStopsStartUpWithAnother() throws Exception {
			Path file = ConnectionCipherTests.this.folder.resolve("wrapped.json");
			Aead kek = keyEncryptionKey();
			KeysetStore wrapped = new FileKeysetStore(file, Optional.of(kek), false);
			wrapped.save(KeysetStore.generate());
			Binding row = row();
			Sealed sealed = new ConnectionCipher(wrapped).seal(SECRET, row);

			assertThat(new ConnectionCipher(new FileKeysetStore(file, Optional.of(kek), false)).open(sealed, row)).isEqualTo(SECRET);
			assertThat(Files.readString(file)).contains("encryptedKeyset")
				// a plain keyset's key material sits under "keyData" (quoted names cannot occur in the base64 ciphertext)
				.doesNotContain("\"keyData\"", "\"keyMaterialType\"");
			assertThatThrownBy(() -> new ConnectionCipher(new FileKeysetStore(file, Optional.of(keyEncryptionKey()), false)))
				.isInstanceOf(KeysetUnavailableException.class)
				.hasMessageContaining("cannot be unwrapped")
				.hasMessageContaining("kms-key-uri");
		}

		@Test
		void aKmsKeysetIsNeverMadeHereAndAMalformedKeyUriIsNamed() {
			KeysetProperties properties = new KeysetProperties(KeysetProperties.Source.GCP_KMS,
					ConnectionCipherTests.this.folder.resolve("k.json"), true, "aws-kms://nope", null, null, Duration.ofMinutes(5));

			assertThatThrownBy(() -> CryptoConfig.store(properties, null, (version) -> {
			})).isInstanceOf(KeysetUnavailableException.class)
				.hasMessageContaining("gcp-kms://");
		}

		/** Stands in for Cloud KMS: the wrapping code is the same, only the key-encryption key differs. */
		private static Aead keyEncryptionKey() throws Exception {
			return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM).getPrimitive(RegistryConfiguration.get(), Aead.class);
		}

	}

}
