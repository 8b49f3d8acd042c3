package com.aventian.portal.config;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.MapSession;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;
import org.springframework.session.data.redis.RedisSessionMapper;
import org.springframework.stereotype.Component;

/**
 * A session record Redis has damaged counts as no session. It happens when a record expires or is
 * evicted while a request of that session is in flight: the request's delta save re-creates the hash
 * with only {@code lastAccessedTime}, and Spring Session's mapper then throws on every request of that
 * cookie ("creationTime key must not be null"); a value that no longer deserialises fails the same way, and
 * so does a security context attribute that is not a security context (Spring Session reads the principal
 * out of it with an expression, and answered 500 on every request of that cookie, error page included).
 * Here such a record reads as absent (the person signs in
 * again; listing a user's sessions skips it), is deleted, and is logged once as a warning.
 */
@Component
class DamagedSessions implements SessionRepositoryCustomizer<RedisIndexedSessionRepository> {

	private static final Logger log = LoggerFactory.getLogger(DamagedSessions.class);

	/** What an undeserialisable session value reads as. */
	private static final Object UNREADABLE = new Object();

	/** The hash field of the security context (Spring Session's attribute prefix is package-private). */
	private static final String SECURITY_CONTEXT = "sessionAttr:"
			+ HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY;

	private final String namespace;

	DamagedSessions(@Value("${spring.session.data.redis.namespace}") String namespace) {
		this.namespace = namespace;
	}

	/**
	 * Spring Session's value serialiser (JDK serialisation, in {@link SessionValueSerializer}'s cheaper
	 * form), except that a value which no longer deserialises (a class changed between releases, bytes
	 * damaged) reads as {@link #UNREADABLE}, so the record counts as damaged.
	 */
	@Bean("springSessionDefaultRedisSerializer")
	static RedisSerializer<Object> tolerantSessionSerializer() {
		RedisSerializer<Object> jdk = new SessionValueSerializer(DamagedSessions.class.getClassLoader());
		return new RedisSerializer<>() {

			@Override
			public byte[] serialize(Object value) {
				return jdk.serialize(value);
			}

			@Override
			public Object deserialize(byte[] bytes) {
				try {
					return jdk.deserialize(bytes);
				}
				catch (SerializationException ex) {
					return UNREADABLE;
				}
			}

		};
	}

	@Override
	public void customize(RedisIndexedSessionRepository repository) {
		repository.setRedisSessionMapper(tolerant(new RedisSessionMapper(), repository.getSessionRedisOperations()));
	}

	private BiFunction<String, Map<String, Object>, MapSession> tolerant(RedisSessionMapper mapper,
			RedisOperations<String, Object> redis) {
		return (id, entries) -> {
			try {
				if (entries.containsValue(UNREADABLE)) {
					throw new IllegalStateException("a value no longer deserialises");
				}
				Object context = entries.get(SECURITY_CONTEXT);
				if (context != null && !(context instanceof SecurityContext)) {
					throw new IllegalStateException("its security context is a " + context.getClass().getName());
				}
				return mapper.apply(id, entries);
			}
			catch (RuntimeException ex) {
				// the id is a live cookie value: it never goes to the log
				log.warn("Damaged session record deleted ({}); its browser signs in again", ex.getMessage());
				redis.delete(List.of(this.namespace + ":sessions:" + id, this.namespace + ":sessions:expires:" + id));
				return null;
			}
		};
	}

}
