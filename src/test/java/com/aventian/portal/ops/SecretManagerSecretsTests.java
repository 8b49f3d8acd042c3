package com.aventian.portal.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;

import com.aventian.portal.AventianApplication;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.secretmanager.v1.AccessSecretVersionRequest;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretManagerServiceSettings;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.cloud.secretmanager.v1.SecretVersionName;
import com.google.protobuf.ByteString;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
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

	private final FakeSecretManager service = new FakeSecretManager();

	private Server server;

	private ManagedChannel channel;

	@BeforeEach
	void startService() throws IOException {
		String name = "secret-manager-" + UUID.randomUUID();
		this.server = InProcessServerBuilder.forName(name).directExecutor().addService(this.service).build().start();
		this.channel = InProcessChannelBuilder.forName(name).directExecutor().build();
		this.service.add(PASSWORD_SECRET, "1", "secret-manager-value-old");
		this.service.add(PASSWORD_SECRET, "2", "secret-manager-value-current");
		this.service.add(USER_SECRET, "7", "portal");
	}

	@AfterEach
	void stopService() {
		this.channel.shutdownNow();
		this.server.shutdownNow();
	}

	SecretManagerServiceClient client() {
		try {
			return SecretManagerServiceClient.create(SecretManagerServiceSettings.newBuilder()
				.setTransportChannelProvider(FixedTransportChannelProvider.create(GrpcTransportChannel.create(this.channel)))
				.setCredentialsProvider(NoCredentialsProvider.create())
				.build());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
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

	/**
	 * Secret Manager's AccessSecretVersion as the service answers it: versions, "latest", CRC32C, permissions.
	 * Bound by the service's wire names with the library's own protobuf messages (the generated gRPC server
	 * base class, artifact grpc-google-cloud-secretmanager-v1, is not published for this release).
	 */
	static final class FakeSecretManager implements BindableService {

		private static final String SERVICE = "google.cloud.secretmanager.v1.SecretManagerService";

		private static final MethodDescriptor<AccessSecretVersionRequest, AccessSecretVersionResponse> ACCESS = MethodDescriptor
			.<AccessSecretVersionRequest, AccessSecretVersionResponse>newBuilder()
			.setType(MethodDescriptor.MethodType.UNARY)
			.setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "AccessSecretVersion"))
			.setRequestMarshaller(ProtoUtils.marshaller(AccessSecretVersionRequest.getDefaultInstance()))
			.setResponseMarshaller(ProtoUtils.marshaller(AccessSecretVersionResponse.getDefaultInstance()))
			.build();

		private final Map<String, TreeMap<String, String>> secrets = new ConcurrentHashMap<>();

		private volatile boolean damaged;

		/** From now on the checksum sent no longer matches the data, as after damage on the way. */
		void damagePayloads() {
			this.damaged = true;
		}

		void add(String secret, String version, String value) {
			this.secrets.computeIfAbsent(secret, (name) -> new TreeMap<>()).put(version, value);
		}

		@Override
		public ServerServiceDefinition bindService() {
			return ServerServiceDefinition.builder(SERVICE).addMethod(ACCESS, ServerCalls.asyncUnaryCall(this::accessSecretVersion)).build();
		}

		private void accessSecretVersion(AccessSecretVersionRequest request,
				StreamObserver<AccessSecretVersionResponse> response) {
			SecretVersionName asked = SecretVersionName.parse(request.getName());
			String secret = "projects/" + asked.getProject() + "/secrets/" + asked.getSecret();
			TreeMap<String, String> versions = this.secrets.get(secret);
			if (versions == null) {
				// Secret Manager answers an unknown secret as a forbidden one to a caller without rights
				response.onError(Status.PERMISSION_DENIED.withDescription("Permission denied on " + secret).asRuntimeException());
				return;
			}
			String version = "latest".equals(asked.getSecretVersion())
					? versions.lastKey() : asked.getSecretVersion();
			String value = versions.get(version);
			if (value == null) {
				response.onError(Status.NOT_FOUND.withDescription(request.getName() + " not found").asRuntimeException());
				return;
			}
			byte[] data = value.getBytes(StandardCharsets.UTF_8);
			CRC32C crc = new CRC32C();
			crc.update(data);
			long checksum = this.damaged ? crc.getValue() + 1 : crc.getValue();
			response.onNext(AccessSecretVersionResponse.newBuilder()
				.setName(secret + "/versions/" + version)
				.setPayload(SecretPayload.newBuilder().setData(ByteString.copyFrom(data)).setDataCrc32C(checksum))
				.build());
			response.onCompleted();
		}

	}

}
