package com.aventian.portal.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

import com.google.api.gax.rpc.ApiException;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretName;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.cloud.secretmanager.v1.SecretVersionName;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.protobuf.ByteString;

/**
 * The keyset held in a GCP Secret Manager secret: plain Tink JSON (protected by Secret Manager's own encryption
 * and IAM), or wrapped by a Cloud KMS key-encryption key. Every instance reads the secret's latest version; a
 * rotation adds a new version holding the whole new keyset (older versions are left as they are, so an operator
 * can see and, once nothing needs them, disable them). Which version is held is told to {@code versions}, for
 * {@code tbl_secret_pointers}. No message holds key material.
 */
final class SecretManagerKeysetStore implements KeysetStore {

	private static final Pattern SECRET = Pattern.compile("projects/[^/]+/secrets/[^/]+");

	private final SecretManagerServiceClient client;

	private final boolean ownsClient;

	private final SecretName secret;

	private final Optional<Aead> keyEncryptionKey;

	private final Duration checkEvery;

	private final Consumer<KeysetSecretVersion> versions;

	private volatile KeysetSecretVersion held;

	/**
	 * @param ownsClient whether the client was made for this store (closed with it)
	 * @param checkEvery how long reads go on with the keyset held before asking for the latest version again
	 */
	SecretManagerKeysetStore(SecretManagerServiceClient client, boolean ownsClient, String secret,
			Optional<Aead> keyEncryptionKey, Duration checkEvery, Consumer<KeysetSecretVersion> versions) {
		this.client = client;
		this.ownsClient = ownsClient;
		this.secret = SecretName.parse(checked(secret));
		this.keyEncryptionKey = keyEncryptionKey;
		this.checkEvery = checkEvery;
		this.versions = versions;
	}

	private static String checked(String secret) {
		if (secret == null || !SECRET.matcher(secret.strip()).matches()) {
			throw new KeysetUnavailableException("aventian.crypto.keyset.secret must name the keyset's secret without a version,"
					+ " as projects/<project>/secrets/<secret>: every instance reads its latest version, and a rotation adds"
					+ " the new keyset as a new version (it is " + ((secret == null || secret.isBlank()) ? "not set" : secret) + ")");
		}
		return secret.strip();
	}

	/** The latest version's name: one call to Secret Manager (never made between the checks of {@link #checkEvery}). */
	@Override
	public Object stamp() {
		return access().getName();
	}

	@Override
	public Duration checkEvery() {
		return this.checkEvery;
	}

	@Override
	public KeysetHandle load() {
		AccessSecretVersionResponse response = access();
		String json = new String(response.getPayload().getData().toByteArray(), StandardCharsets.UTF_8);
		KeysetHandle keyset = parse(json, response.getName());
		held(response.getName());
		return keyset;
	}

	private KeysetHandle parse(String json, String version) {
		boolean wrapped = json.contains("\"encryptedKeyset\"");
		if (wrapped && this.keyEncryptionKey.isEmpty()) {
			throw new KeysetUnavailableException("The keyset in " + version + " is wrapped by a key-encryption key: set"
					+ " aventian.crypto.keyset.kms-key-uri to the Cloud KMS key that wrapped it");
		}
		try {
			return this.keyEncryptionKey.isPresent()
					? TinkJsonProtoKeysetFormat.parseEncryptedKeyset(json, this.keyEncryptionKey.get(), WRAPPING_CONTEXT)
					: TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			throw new KeysetUnavailableException("The keyset in " + version + (this.keyEncryptionKey.isPresent()
					? " cannot be unwrapped with the configured key-encryption key (aventian.crypto.keyset.kms-key-uri)"
					: " is not a readable Tink keyset") + ": " + ex.getClass().getSimpleName(), ex);
		}
	}

	/** Adds the keyset as the secret's new version; refused (and nothing changed) without the right to add one. */
	@Override
	public void save(KeysetHandle keyset) {
		byte[] data;
		try {
			String json = this.keyEncryptionKey.isPresent()
					? TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(keyset, this.keyEncryptionKey.get(), WRAPPING_CONTEXT)
					: TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
			data = json.getBytes(StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new KeysetUnavailableException("The new keyset could not be " + (this.keyEncryptionKey.isPresent()
					? "wrapped with the key-encryption key" : "serialised") + ": " + ex.getClass().getSimpleName(), ex);
		}
		CRC32C crc = new CRC32C();
		crc.update(data);
		SecretVersion added;
		try {
			added = this.client.addSecretVersion(this.secret,
					SecretPayload.newBuilder().setData(ByteString.copyFrom(data)).setDataCrc32C(crc.getValue()).build());
		}
		catch (ApiException ex) {
			throw new KeysetUnavailableException("The new keyset could not be added as a version of " + this.secret + " ("
					+ ex.getStatusCode().getCode() + "): the portal's service account needs"
					+ " roles/secretmanager.secretVersionAdder on that secret to rotate; nothing was changed", ex);
		}
		held(added.getName());
	}

	private AccessSecretVersionResponse access() {
		SecretVersionName latest = SecretVersionName.of(this.secret.getProject(), this.secret.getSecret(), "latest");
		AccessSecretVersionResponse response;
		try {
			response = this.client.accessSecretVersion(latest);
		}
		catch (ApiException ex) {
			throw new KeysetUnavailableException("The keyset secret " + latest + " cannot be read from Secret Manager ("
					+ ex.getStatusCode().getCode() + "): the portal's service account needs roles/secretmanager.secretAccessor"
					+ " on it, and the secret an enabled version holding the keyset (aventian.crypto.keyset.secret)", ex);
		}
		if (response.getPayload().hasDataCrc32C()) {
			CRC32C crc = new CRC32C();
			crc.update(response.getPayload().getData().toByteArray());
			if (crc.getValue() != response.getPayload().getDataCrc32C()) {
				throw new KeysetUnavailableException("The keyset secret " + response.getName() + " arrived damaged (CRC32C mismatch)");
			}
		}
		return response;
	}

	private void held(String versionName) {
		SecretVersionName version = SecretVersionName.parse(versionName);
		KeysetSecretVersion now = new KeysetSecretVersion(this.secret.toString(), version.getSecretVersion());
		if (!now.equals(this.held)) {
			this.held = now;
			this.versions.accept(now);
		}
	}

	@Override
	public Optional<KeysetSecretVersion> secretVersion() {
		return Optional.ofNullable(this.held);
	}

	@Override
	public void close() {
		if (this.ownsClient) {
			this.client.close();
		}
	}

}
