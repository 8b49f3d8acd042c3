package com.aventian.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.secretmanager.v1.AccessSecretVersionRequest;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.AddSecretVersionRequest;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretManagerServiceSettings;
import com.google.cloud.secretmanager.v1.SecretName;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.cloud.secretmanager.v1.SecretVersion;
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

/**
 * Secret Manager's AccessSecretVersion and AddSecretVersion as the service answers them, served in-process over
 * gRPC (Google ships no emulator), so the client library's real stubs, serialisation and error mapping are used:
 * numbered versions, "latest", CRC32C both ways, and permissions (a secret not known here is a forbidden one).
 * Bound by the service's wire names with the library's own protobuf messages (the generated gRPC server base
 * class, artifact grpc-google-cloud-secretmanager-v1, is not published for this release).
 */
public final class InProcessSecretManager implements BindableService, AutoCloseable {

	private static final String SERVICE = "google.cloud.secretmanager.v1.SecretManagerService";

	private static final MethodDescriptor<AccessSecretVersionRequest, AccessSecretVersionResponse> ACCESS = MethodDescriptor
		.<AccessSecretVersionRequest, AccessSecretVersionResponse>newBuilder()
		.setType(MethodDescriptor.MethodType.UNARY)
		.setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "AccessSecretVersion"))
		.setRequestMarshaller(ProtoUtils.marshaller(AccessSecretVersionRequest.getDefaultInstance()))
		.setResponseMarshaller(ProtoUtils.marshaller(AccessSecretVersionResponse.getDefaultInstance()))
		.build();

	private static final MethodDescriptor<AddSecretVersionRequest, SecretVersion> ADD = MethodDescriptor
		.<AddSecretVersionRequest, SecretVersion>newBuilder()
		.setType(MethodDescriptor.MethodType.UNARY)
		.setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "AddSecretVersion"))
		.setRequestMarshaller(ProtoUtils.marshaller(AddSecretVersionRequest.getDefaultInstance()))
		.setResponseMarshaller(ProtoUtils.marshaller(SecretVersion.getDefaultInstance()))
		.build();

	private final Map<String, TreeMap<Integer, ByteString>> secrets = new ConcurrentHashMap<>();

	private final Set<String> readOnly = ConcurrentHashMap.newKeySet();

	private final AtomicInteger accesses = new AtomicInteger();

	private final Server server;

	private final ManagedChannel channel;

	private volatile boolean damaged;

	private InProcessSecretManager() {
		String name = "secret-manager-" + UUID.randomUUID();
		try {
			this.server = InProcessServerBuilder.forName(name).directExecutor().addService(this).build().start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.channel = InProcessChannelBuilder.forName(name).directExecutor().build();
	}

	public static InProcessSecretManager start() {
		return new InProcessSecretManager();
	}

	/** A client of this service, as the portal makes one, without credentials. */
	public SecretManagerServiceClient client() {
		try {
			return SecretManagerServiceClient.create(SecretManagerServiceSettings.newBuilder()
				.setTransportChannelProvider(FixedTransportChannelProvider.create(GrpcTransportChannel.create(this.channel)))
				.setCredentialsProvider(NoCredentialsProvider.create())
				.build());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public void add(String secret, String version, String value) {
		this.secrets.computeIfAbsent(secret, (name) -> new TreeMap<>())
			.put(Integer.valueOf(version), ByteString.copyFrom(value, StandardCharsets.UTF_8));
	}

	/** The value of a version, as stored. */
	public String value(String secret, String version) {
		return this.secrets.get(secret).get(Integer.valueOf(version)).toStringUtf8();
	}

	/** The latest version's number. */
	public String latest(String secret) {
		return String.valueOf(this.secrets.get(secret).lastKey());
	}

	/** From now on the caller may read the secret but not add versions to it (it lacks secretVersionAdder). */
	public void refuseNewVersions(String secret) {
		this.readOnly.add(secret);
	}

	/** From now on the checksum sent no longer matches the data, as after damage on the way. */
	public void damagePayloads() {
		this.damaged = true;
	}

	/** How many AccessSecretVersion calls were answered or refused. */
	public int accesses() {
		return this.accesses.get();
	}

	@Override
	public ServerServiceDefinition bindService() {
		return ServerServiceDefinition.builder(SERVICE)
			.addMethod(ACCESS, ServerCalls.asyncUnaryCall(this::accessSecretVersion))
			.addMethod(ADD, ServerCalls.asyncUnaryCall(this::addSecretVersion))
			.build();
	}

	private void accessSecretVersion(AccessSecretVersionRequest request, StreamObserver<AccessSecretVersionResponse> response) {
		this.accesses.incrementAndGet();
		SecretVersionName asked = SecretVersionName.parse(request.getName());
		String secret = SecretName.of(asked.getProject(), asked.getSecret()).toString();
		TreeMap<Integer, ByteString> versions = this.secrets.get(secret);
		if (versions == null) {
			// Secret Manager answers an unknown secret as a forbidden one to a caller without rights
			response.onError(Status.PERMISSION_DENIED.withDescription("Permission denied on " + secret).asRuntimeException());
			return;
		}
		Integer version = "latest".equals(asked.getSecretVersion()) ? versions.lastKey() : Integer.valueOf(asked.getSecretVersion());
		ByteString value = versions.get(version);
		if (value == null) {
			response.onError(Status.NOT_FOUND.withDescription(request.getName() + " not found").asRuntimeException());
			return;
		}
		long checksum = crc(value.toByteArray());
		response.onNext(AccessSecretVersionResponse.newBuilder()
			.setName(secret + "/versions/" + version)
			.setPayload(SecretPayload.newBuilder().setData(value).setDataCrc32C(this.damaged ? checksum + 1 : checksum))
			.build());
		response.onCompleted();
	}

	private void addSecretVersion(AddSecretVersionRequest request, StreamObserver<SecretVersion> response) {
		String secret = request.getParent();
		TreeMap<Integer, ByteString> versions = this.secrets.get(secret);
		if (versions == null || this.readOnly.contains(secret)) {
			response.onError(Status.PERMISSION_DENIED
				.withDescription("Permission 'secretmanager.versions.add' denied on " + secret)
				.asRuntimeException());
			return;
		}
		SecretPayload payload = request.getPayload();
		if (payload.hasDataCrc32C() && payload.getDataCrc32C() != crc(payload.getData().toByteArray())) {
			response.onError(Status.INVALID_ARGUMENT.withDescription("Checksum mismatch").asRuntimeException());
			return;
		}
		int version;
		synchronized (versions) {
			version = versions.lastKey() + 1;
			versions.put(version, payload.getData());
		}
		response.onNext(SecretVersion.newBuilder().setName(secret + "/versions/" + version).build());
		response.onCompleted();
	}

	private static long crc(byte[] data) {
		CRC32C crc = new CRC32C();
		crc.update(data);
		return crc.getValue();
	}

	@Override
	public void close() {
		this.channel.shutdownNow();
		this.server.shutdownNow();
	}

}
