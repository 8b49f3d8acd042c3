package com.aventian.portal.ops;

import java.util.Map;

import com.aventian.portal.AventianApplication;
import com.aventian.portal.InProcessSecretManager;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The Secret Manager adapter against the Secret Manager service itself, implemented in-process over gRPC
 * (Google ships no emulator): the client library's real stubs, serialisation and error mapping.
 */
class SecretManagerSecretsTests {

	private static final String PASSWORD_SECRET = "projects/avn-test/secrets/portal-db-password";

	private static final String USER_SECRET = "projects/avn-test/secrets/portal-db-user";

	private InProcessSecretManager service;

	@BeforeEach
	void startService() {
		this.service = InProcessSecretManager.start();
		this.service.add(PASSWORD_SECRET, "1", "secret-manager-value-old");
		this.service.add(PASSWORD_SECRET, "2", "secret-manager-value-current");
		this.service.add(USER_SECRET, "7", "portal");
	}

	@AfterEach
	void stopService() {
		this.service.close();
	}

	SecretManagerServiceClient client() {
		return this.service.client();
	}

	@Nested
	class Adapter {

		@Test
		void aSecretNamedWithoutVersionIsReadAtItsLatestAndTheVersionReadIsNamed() {
			try (SecretManagerServiceClient client = client()) {
				SecretManagerSecrets.SecretValue secret = new SecretManagerSecrets(client).read(PASSWORD_SECRET);

				assertThat(secret.value()).isEqualTo("secret-manager-value-current");
				assertThat(secret.secretName()).isEqualTo(PASSWORD_SECRET);
				assertThat(secret.version()).isEqualTo("2");
				assertThat(secret.toString()).doesNotContain(secret.value());
			}
		}

		@Test
		void aPinnedVersionIsReadAsPinned() {
			try (SecretManagerServiceClient client = client()) {
				SecretManagerSecrets.SecretValue secret = new SecretManagerSecrets(client).read(PASSWORD_SECRET + "/versions/1");

				assertThat(secret.value()).isEqualTo("secret-manager-value-old");
				assertThat(secret.version()).isEqualTo("1");
			}
		}

		@Test
		void aPayloadDamagedOnTheWayIsRefused() {
			SecretManagerSecretsTests.this.service.damagePayloads();
			try (SecretManagerServiceClient client = client()) {
				assertThatIllegalStateException().isThrownBy(() -> new SecretManagerSecrets(client).read(PASSWORD_SECRET))
					.withMessageContaining("CRC32C")
					.withMessageNotContaining("secret-manager-value");
			}
		}

		@Test
		void aSecretTheServiceAccountMayNotReadNamesTheSecretAndTheRoleItNeeds() {
			try (SecretManagerServiceClient client = client()) {
				assertThatIllegalStateException()
					.isThrownBy(() -> new SecretManagerSecrets(client).read("projects/avn-test/secrets/someone-elses"))
					.withMessageContaining("projects/avn-test/secrets/someone-elses/versions/latest")
					.withMessageContaining("PERMISSION_DENIED")
					.withMessageContaining("roles/secretmanager.secretAccessor");
			}
		}

	}

	@Nested
	class ChosenByConfiguration {

		@Test
		void withSourceGcpTheDatabaseCredentialsComeFromSecretManagerAndTheirPointersAreKept() {
			StandardEnvironment environment = environment(Map.of("aventian.secrets.source", "gcp",
					"aventian.secrets.gcp.database-password", PASSWORD_SECRET, "aventian.secrets.gcp.database-username",
					USER_SECRET + "/versions/7", "spring.datasource.password", "from-the-environment"));

			new SecretSources(SecretManagerSecretsTests.this::client).postProcessEnvironment(environment, new SpringApplication());

			assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("secret-manager-value-current");
			assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("portal");
			assertThat(environment.getProperty("aventian.secrets.in-use.database-password.secret-name")).isEqualTo(PASSWORD_SECRET);
			assertThat(environment.getProperty("aventian.secrets.in-use.database-password.version")).isEqualTo("2");
			assertThat(environment.getProperty("aventian.secrets.in-use.database-username.version")).isEqualTo("7");
		}

		@Test
		void theKeyEncryptionKeysNameOfTheKeysetMayComeFromSecretManagerToo() {
			String kmsSecret = "projects/avn-test/secrets/portal-keyset-kek";
			String kek = "gcp-kms://projects/avn-test/locations/us-central1/keyRings/portal/cryptoKeys/keyset";
			SecretManagerSecretsTests.this.service.add(kmsSecret, "3", kek);
			StandardEnvironment environment = environment(Map.of("aventian.secrets.source", "gcp",
					"aventian.secrets.gcp.crypto-kms-key-uri", kmsSecret));

			new SecretSources(SecretManagerSecretsTests.this::client).postProcessEnvironment(environment, new SpringApplication());

			assertThat(environment.getProperty("aventian.crypto.keyset.kms-key-uri")).isEqualTo(kek);
			assertThat(environment.getProperty("aventian.secrets.in-use.crypto-kms-key-uri.version")).isEqualTo("3");
		}

		@Test
		void withSourceEnvTheEnvironmentIsUsedAndSecretManagerIsNeverAsked() {
			StandardEnvironment environment = environment(
					Map.of("aventian.secrets.source", "env", "spring.datasource.password", "from-the-environment"));

			new SecretSources(() -> {
				throw new AssertionError("Secret Manager was asked");
			}).postProcessEnvironment(environment, new SpringApplication());

			assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("from-the-environment");
		}

		@Test
		void theChoiceIsMadeByBootAtStartUpBeforeAnyBeanIsMade() {
			SpringApplicationBuilder portal = new SpringApplicationBuilder(AventianApplication.class).web(WebApplicationType.NONE);

			assertThatIllegalStateException().isThrownBy(() -> portal.run("--aventian.secrets.source=vault"))
				.withMessageContaining("aventian.secrets.source is vault: it must be env or gcp");
		}

		@Test
		void withSourceGcpAndNoSecretNamedStartUpStopsSayingWhatToSet() {
			StandardEnvironment environment = environment(Map.of("aventian.secrets.source", "gcp"));

			assertThatIllegalStateException()
				.isThrownBy(() -> new SecretSources(SecretManagerSecretsTests.this::client).postProcessEnvironment(environment,
						new SpringApplication()))
				.withMessageContaining("aventian.secrets.gcp.database-password");
		}

		private StandardEnvironment environment(Map<String, Object> properties) {
			StandardEnvironment environment = new StandardEnvironment();
			environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
			return environment;
		}

	}

}
