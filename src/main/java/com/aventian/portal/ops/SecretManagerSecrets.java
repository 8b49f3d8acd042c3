package com.aventian.portal.ops;

import java.util.zip.CRC32C;

import com.google.api.gax.rpc.ApiException;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretName;
import com.google.cloud.secretmanager.v1.SecretVersionName;

/**
 * Reads secret values from GCP Secret Manager. A name is {@code projects/<p>/secrets/<s>} (the latest
 * version) or {@code projects/<p>/secrets/<s>/versions/<n>} (pinned); the answer names the version actually
 * read, so the portal can record which one it runs with. The payload's CRC32C is checked when the service
 * sends one, as Google advises. No message of this class holds a value.
 */
final class SecretManagerSecrets {

	private final SecretManagerServiceClient client;

	SecretManagerSecrets(SecretManagerServiceClient client) {
		this.client = client;
	}

	SecretValue read(String name) {
		SecretVersionName wanted = name.contains("/versions/") ? SecretVersionName.parse(name)
				: SecretVersionName.parse(name + "/versions/latest");
		AccessSecretVersionResponse response;
		try {
			response = this.client.accessSecretVersion(wanted);
		}
		catch (ApiException ex) {
			throw new IllegalStateException("Could not read the secret " + wanted + " from Secret Manager ("
					+ ex.getStatusCode().getCode() + "): the portal's service account needs "
					+ "roles/secretmanager.secretAccessor on it, and the secret a version that is enabled", ex);
		}
		byte[] data = response.getPayload().getData().toByteArray();
		if (response.getPayload().hasDataCrc32C()) {
			CRC32C crc = new CRC32C();
			crc.update(data);
			if (crc.getValue() != response.getPayload().getDataCrc32C()) {
				throw new IllegalStateException("The secret " + wanted + " arrived damaged (CRC32C mismatch)");
			}
		}
		SecretVersionName read = SecretVersionName.parse(response.getName());
		return new SecretValue(SecretName.of(read.getProject(), read.getSecret()).toString(), read.getSecretVersion(),
				new String(data, java.nio.charset.StandardCharsets.UTF_8));
	}

	/** A secret's value with the secret and version it came from; its text form leaves the value out. */
	record SecretValue(String secretName, String version, String value) {

		@Override
		public String toString() {
			return this.secretName + "/versions/" + this.version;
		}

	}

}
