package com.aventian.portal.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.output.MapOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;

import com.aventian.portal.account.DisabledMarkAhead;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.data.redis.ExceptionTranslationStrategy;
import org.springframework.data.redis.FallbackExceptionTranslationStrategy;
import org.springframework.data.redis.connection.DataType;
import org.springframework.data.redis.connection.RedisHashCommands.HashFieldSetOption;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceExceptionConverter;
import org.springframework.data.redis.core.BoundHashOperations;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.HashOperations;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.data.redis.config.annotation.web.http.RedisIndexedHttpSessionConfiguration;
import org.springframework.stereotype.Component;

/**
 * How Spring Session's indexed repository reads a session hash: the request's read of its own session
 * carries the {@code EXISTS} of its account's disabled mark in the same round trip
 * ({@link DisabledMarkAhead} says which mark, and takes the answer to the account gate), and no read builds a
 * proxy. The repository reads through the {@link RedisTemplate} that Spring Session's configuration makes
 * with {@code createRedisTemplate()} (protected and called virtually, Spring Session 4.0), and calls
 * {@code boundHashOps(key)} on it for every read and every save; Spring Data Redis answers that with a new
 * JDK proxy per call (about 3.5% of a signed-in request's samples), here with a plain {@link SessionHash}.
 * <p>
 * The two commands are written together, in order, on a blocking connection of {@link SessionReadConnections}
 * and read back by the request's thread (no hand-off to Lettuce's event loop); when none is free, or Redis is
 * not a single server those connections can reach, they go to Lettuce's shared connection as one write
 * ({@code dispatch} of both), awaited with the connection's own timeout. Either way a failure is translated
 * as Spring Data Redis translates that client's failures, so a Redis outage answers as it did. The answer's
 * values are decoded only where their bytes changed since the session's last such read
 * ({@link DecodedSessionValues}). Any other read, and any connection factory that is not Lettuce's, takes Spring
 * Data Redis's own path.
 */
final class SessionReads {

	private SessionReads() {
	}

	/** The hash field of the security context (Spring Session's attribute prefix is package-private). */
	private static final String SECURITY_CONTEXT = "sessionAttr:"
			+ HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY;

	/** Spring Data Redis's translation of Lettuce's failures, as its {@code LettuceConnection} does it. */
	private static final ExceptionTranslationStrategy FAILURES = new FallbackExceptionTranslationStrategy(
			new LettuceExceptionConverter());

	/**
	 * Spring Session's indexed configuration (as Boot imports it, with Boot's customisers and its
	 * {@code ConfigureRedisAction}), except for the template its repository reads through.
	 */
	static class Configuration extends RedisIndexedHttpSessionConfiguration {

		private DisabledMarkAhead marks;

		private SessionReadConnections connections;

		private String namespace;

		private ClassLoader classLoader;

		@Autowired
		void setMarks(DisabledMarkAhead marks, SessionReadConnections connections,
				@Value("${spring.session.data.redis.namespace}") String namespace) {
			this.marks = marks;
			this.connections = connections;
			this.namespace = namespace;
		}

		@Override
		public void setBeanClassLoader(ClassLoader classLoader) {
			super.setBeanClassLoader(classLoader);
			this.classLoader = classLoader;
		}

		/** The same settings as Spring Session's own template. */
		@Override
		protected RedisTemplate<String, Object> createRedisTemplate() {
			Template template = new Template(this.marks, this.connections, this.namespace + ":sessions:");
			template.setKeySerializer(RedisSerializer.string());
			template.setHashKeySerializer(RedisSerializer.string());
			if (getDefaultRedisSerializer() != null) {
				template.setDefaultSerializer(getDefaultRedisSerializer());
			}
			template.setConnectionFactory(getRedisConnectionFactory());
			template.setBeanClassLoader(this.classLoader);
			template.afterPropertiesSet();
			return template;
		}

	}

	/**
	 * Puts {@link Configuration} in the place of the class Boot's session auto-configuration imports, so the
	 * rest of Boot's configuration (property customisers, the keyspace-notification action, backing off when
	 * the application declares its own repository) stays Boot's. Start-up fails if that import is not found,
	 * so a Boot upgrade that changes it cannot silently drop the one round trip.
	 */
	@Component
	static final class Swap implements BeanDefinitionRegistryPostProcessor {

		@Override
		public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
			List<String> imported = Arrays.stream(registry.getBeanDefinitionNames())
				.filter((name) -> RedisIndexedHttpSessionConfiguration.class.getName()
					.equals(registry.getBeanDefinition(name).getBeanClassName()))
				.toList();
			if (imported.size() != 1) {
				throw new IllegalStateException("Expected Boot to import " + RedisIndexedHttpSessionConfiguration.class
						.getName() + " once, found " + imported);
			}
			BeanDefinition definition = registry.getBeanDefinition(imported.get(0));
			if (definition instanceof AbstractBeanDefinition beanDefinition) {
				beanDefinition.setBeanClass(Configuration.class);
			}
			else {
				definition.setBeanClassName(Configuration.class.getName());
			}
		}

	}

	/** Spring Session's template, with {@link SessionHash} for {@code boundHashOps}. */
	static final class Template extends RedisTemplate<String, Object> {

		private final DisabledMarkAhead marks;

		private final SessionReadConnections connections;

		/** The keys of session hashes start with this; the session's id follows. */
		private final String sessionKeys;

		/** The request's read of its own session decodes only the values its last read did not. */
		private final DecodedSessionValues decoded = new DecodedSessionValues();

		Template(DisabledMarkAhead marks, SessionReadConnections connections, String sessionKeys) {
			this.marks = marks;
			this.connections = connections;
			this.sessionKeys = sessionKeys;
		}

		DecodedSessionValues decoded() {
			return this.decoded;
		}

		@Override
		public BoundHashOperations<String, String, Object> boundHashOps(String key) {
			return new SessionHash(this, key);
		}

		Map<String, Object> entries(String key) {
			String sessionId = key.startsWith(this.sessionKeys) ? key.substring(this.sessionKeys.length()) : null;
			if (sessionId == null || !this.marks.expects(sessionId)) {
				return this.<String, Object>opsForHash().entries(key);
			}
			String mark = this.marks.markToReadWith(sessionId);
			WithMark read = (mark != null) ? withMark(key, sessionId, mark) : null;
			Map<String, Object> entries = (read != null) ? read.entries() : this.<String, Object>opsForHash().entries(key);
			this.marks.sessionRead(sessionId, entries.get(SECURITY_CONTEXT), (read != null) ? read.markExists() : null);
			return entries;
		}

		/** {@code HGETALL} of the session and {@code EXISTS} of the mark, written together; null if not possible here. */
		private WithMark withMark(String key, String sessionId, String mark) {
			if (this.connections.available()) {
				SessionReadConnections.Replies replies = this.connections.read(key.getBytes(StandardCharsets.UTF_8),
						mark.getBytes(StandardCharsets.UTF_8));
				if (replies != null) {
					return new WithMark(deserialize(sessionId, replies.fieldsAndValues()), replies.markExists());
				}
			}
			return execute((connection) -> withMarkOnLettuce(connection.getNativeConnection(), key, sessionId, mark),
					true);
		}

		/** As {@link #withMark}, through Lettuce's shared connection: both commands handed to it as one write. */
		private WithMark withMarkOnLettuce(Object nativeConnection, String key, String sessionId, String mark) {
			if (!(nativeConnection instanceof RedisAsyncCommands<?, ?> commands)
					|| !(getConnectionFactory() instanceof LettuceConnectionFactory factory)) {
				return null;
			}
			@SuppressWarnings("unchecked")
			StatefulConnection<byte[], byte[]> connection = (StatefulConnection<byte[], byte[]>) commands
				.getStatefulConnection();
			AsyncCommand<byte[], byte[], Map<byte[], byte[]>> hash = new AsyncCommand<>(new Command<>(CommandType.HGETALL,
					new MapOutput<>(ByteArrayCodec.INSTANCE),
					new CommandArgs<>(ByteArrayCodec.INSTANCE).addKey(key.getBytes(StandardCharsets.UTF_8))));
			AsyncCommand<byte[], byte[], Long> exists = new AsyncCommand<>(new Command<>(CommandType.EXISTS,
					new IntegerOutput<>(ByteArrayCodec.INSTANCE),
					new CommandArgs<>(ByteArrayCodec.INSTANCE).addKey(mark.getBytes(StandardCharsets.UTF_8))));
			connection.dispatch(List.of(hash, exists));
			try {
				Map<byte[], byte[]> raw = LettuceFutures.awaitOrCancel(hash, factory.getTimeout(), TimeUnit.MILLISECONDS);
				Long marked = LettuceFutures.awaitOrCancel(exists, factory.getTimeout(), TimeUnit.MILLISECONDS);
				List<byte[]> fieldsAndValues = new ArrayList<>(raw.size() * 2);
				raw.forEach((field, value) -> {
					fieldsAndValues.add(field);
					fieldsAndValues.add(value);
				});
				return new WithMark(deserialize(sessionId, fieldsAndValues), marked != null && marked > 0);
			}
			catch (RuntimeException ex) {
				throw FAILURES.translate(ex);
			}
		}

		/**
		 * As Spring Data Redis's hash operations deserialise {@code HGETALL}'s answer, from the fields and values
		 * in turn, each value decoded only if the session's last read did not decode the same bytes.
		 */
		private Map<String, Object> deserialize(String sessionId, List<byte[]> fieldsAndValues) {
			Map<String, Object> entries = new LinkedHashMap<>(fieldsAndValues.size());
			DecodedSessionValues.Read read = this.decoded.read(sessionId);
			for (int i = 0; i + 1 < fieldsAndValues.size(); i += 2) {
				String field = (String) getHashKeySerializer().deserialize(fieldsAndValues.get(i));
				entries.put(field, read.value(field, fieldsAndValues.get(i + 1), getHashValueSerializer()::deserialize));
			}
			read.done();
			return entries;
		}

	}

	private record WithMark(Map<String, Object> entries, boolean markExists) {
	}

	/** The bound hash operations of one key, each the template's hash operation with that key. */
	static final class SessionHash implements BoundHashOperations<String, String, Object> {

		private final Template template;

		/** As Spring Data Redis's bound operations: a rename binds them to the new key. */
		private String key;

		SessionHash(Template template, String key) {
			this.template = template;
			this.key = key;
		}

		private HashOperations<String, String, Object> hash() {
			return this.template.opsForHash();
		}

		@Override
		public Map<String, Object> entries() {
			return this.template.entries(this.key);
		}

		@Override
		public void putAll(Map<? extends String, ? extends Object> values) {
			hash().putAll(this.key, values);
		}

		@Override
		public Long delete(Object... fields) {
			return hash().delete(this.key, fields);
		}

		@Override
		public Boolean hasKey(Object field) {
			return hash().hasKey(this.key, field);
		}

		@Override
		public Object get(Object field) {
			return hash().get(this.key, field);
		}

		@Override
		public List<Object> multiGet(Collection<String> fields) {
			return hash().multiGet(this.key, fields);
		}

		@Override
		public Long increment(String field, long delta) {
			return hash().increment(this.key, field, delta);
		}

		@Override
		public Double increment(String field, double delta) {
			return hash().increment(this.key, field, delta);
		}

		@Override
		public String randomKey() {
			return hash().randomKey(this.key);
		}

		@Override
		public Map.Entry<String, Object> randomEntry() {
			return hash().randomEntry(this.key);
		}

		@Override
		public List<String> randomKeys(long count) {
			return hash().randomKeys(this.key, count);
		}

		@Override
		public Map<String, Object> randomEntries(long count) {
			return hash().randomEntries(this.key, count);
		}

		@Override
		public Set<String> keys() {
			return hash().keys(this.key);
		}

		@Override
		public Long lengthOfValue(String field) {
			return hash().lengthOfValue(this.key, field);
		}

		@Override
		public Long size() {
			return hash().size(this.key);
		}

		@Override
		public void put(String field, Object value) {
			hash().put(this.key, field, value);
		}

		@Override
		public Boolean putIfAbsent(String field, Object value) {
			return hash().putIfAbsent(this.key, field, value);
		}

		@Override
		public List<Object> values() {
			return hash().values(this.key);
		}

		@Override
		public Cursor<Map.Entry<String, Object>> scan(ScanOptions options) {
			return hash().scan(this.key, options);
		}

		@Override
		public List<Object> getAndDelete(Collection<String> fields) {
			return hash().getAndDelete(this.key, fields);
		}

		@Override
		public List<Object> getAndExpire(Expiration expiration, Collection<String> fields) {
			return hash().getAndExpire(this.key, expiration, fields);
		}

		@Override
		public void putAndExpire(Map<? extends String, ? extends Object> values, HashFieldSetOption option,
				Expiration expiration) {
			hash().putAndExpire(this.key, values, option, expiration);
		}

		@Override
		public RedisOperations<String, ?> getOperations() {
			return this.template;
		}

		@Override
		public String getKey() {
			return this.key;
		}

		@Override
		public DataType getType() {
			return this.template.type(this.key);
		}

		@Override
		public Long getExpire() {
			return this.template.getExpire(this.key);
		}

		@Override
		public Boolean expire(long timeout, TimeUnit unit) {
			return this.template.expire(this.key, timeout, unit);
		}

		@Override
		public Boolean expireAt(Date date) {
			return this.template.expireAt(this.key, date);
		}

		@Override
		public Boolean persist() {
			return this.template.persist(this.key);
		}

		@Override
		public void rename(String newKey) {
			this.template.rename(this.key, newKey);
			this.key = newKey;
		}

	}

}
