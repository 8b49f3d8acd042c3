package com.aventian.portal.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.ConfigurableObjectInputStream;
import org.springframework.core.serializer.Deserializer;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * JDK serialisation of the session's values, byte for byte the same as Spring Session's default
 * ({@link JdkSerializationRedisSerializer} with the application's class loader), done with less CPU on the
 * read every signed-in request makes (issue 10, docs/PERFORMANCE.md):
 * <ul>
 * <li>the three numbers of every session (creation and last access times as {@code Long}, the lifetime as
 * {@code Integer}) are written and read by copying the JDK's fixed bytes for a boxed number, taken from the
 * JDK itself at start-up; any other bytes go to the JDK as before (about 1 µs each through the JDK);</li>
 * <li>the JDK's stream resolves each class it meets by name through the class loader (Spring's
 * {@code ClassUtils.forName}): the security context alone names about 13 classes per read. A class once
 * resolved is remembered by name; the class loader is fixed for the application's life, so the answer
 * cannot change, and a class it cannot find is not remembered. Which classes can be read is unchanged.</li>
 * </ul>
 * Failures are Spring's: a value that does not deserialise throws its {@code SerializationException}.
 */
final class SessionValueSerializer implements RedisSerializer<Object> {

	private final RedisSerializer<Object> jdk;

	private final BoxedNumber longs;

	private final BoxedNumber integers;

	SessionValueSerializer(ClassLoader classLoader) {
		this.jdk = new JdkSerializationRedisSerializer(new SerializingConverter(),
				new DeserializingConverter(new RememberingClasses(classLoader)));
		this.longs = new BoxedNumber(this.jdk.serialize(0L), Long.BYTES);
		this.integers = new BoxedNumber(this.jdk.serialize(0), Integer.BYTES);
	}

	@Override
	public byte[] serialize(Object value) {
		if (value instanceof Long number) {
			return this.longs.write(number);
		}
		if (value instanceof Integer number) {
			return this.integers.write(number);
		}
		return this.jdk.serialize(value);
	}

	@Override
	public Object deserialize(byte[] bytes) {
		if (bytes != null) {
			if (this.longs.matches(bytes)) {
				return this.longs.value(bytes).getLong();
			}
			if (this.integers.matches(bytes)) {
				return this.integers.value(bytes).getInt();
			}
		}
		return this.jdk.deserialize(bytes);
	}

	/**
	 * The JDK's serialised form of a boxed number: a fixed prefix (stream header, class descriptors of the
	 * box and of {@code Number}) followed by the value, big-endian, as {@code DataOutput} writes it.
	 */
	private static final class BoxedNumber {

		private final byte[] prefix;

		private final int width;

		BoxedNumber(byte[] serialisedZero, int width) {
			this.prefix = Arrays.copyOf(serialisedZero, serialisedZero.length - width);
			this.width = width;
		}

		boolean matches(byte[] bytes) {
			return bytes.length == this.prefix.length + this.width
					&& Arrays.equals(bytes, 0, this.prefix.length, this.prefix, 0, this.prefix.length);
		}

		ByteBuffer value(byte[] bytes) {
			return ByteBuffer.wrap(bytes, this.prefix.length, this.width);
		}

		byte[] write(Number number) {
			byte[] bytes = Arrays.copyOf(this.prefix, this.prefix.length + this.width);
			ByteBuffer value = ByteBuffer.wrap(bytes, this.prefix.length, this.width);
			if (this.width == Long.BYTES) {
				value.putLong(number.longValue());
			}
			else {
				value.putInt(number.intValue());
			}
			return bytes;
		}

	}

	/** Spring's deserialiser (a {@link ConfigurableObjectInputStream} on the class loader), with resolved classes remembered. */
	private static final class RememberingClasses implements Deserializer<Object> {

		private final ClassLoader classLoader;

		private final Map<String, Class<?>> resolved = new ConcurrentHashMap<>();

		RememberingClasses(ClassLoader classLoader) {
			this.classLoader = classLoader;
		}

		@Override
		public Object deserialize(InputStream input) throws IOException {
			try (ObjectInputStream objects = new ConfigurableObjectInputStream(input, this.classLoader) {

				@Override
				protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
					Class<?> known = RememberingClasses.this.resolved.get(description.getName());
					if (known != null) {
						return known;
					}
					Class<?> found = super.resolveClass(description);
					RememberingClasses.this.resolved.put(description.getName(), found);
					return found;
				}

			}) {
				return objects.readObject();
			}
			catch (ClassNotFoundException ex) {
				throw new IOException("Failed to deserialize object type", ex);
			}
		}

	}

}
