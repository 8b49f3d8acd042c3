package com.aventian.portal.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.csrf.DefaultCsrfToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The session's values are stored exactly as Spring Session's JDK serialiser stores them, so sessions
 * written before the change read after it and the other way round; only the CPU per read differs.
 */
class SessionValueSerializerTests {

	final ClassLoader loader = SessionValueSerializerTests.class.getClassLoader();

	final JdkSerializationRedisSerializer jdk = new JdkSerializationRedisSerializer(this.loader);

	final SessionValueSerializer serializer = new SessionValueSerializer(this.loader);

	static SecurityContext signedIn(String userId) {
		User user = new User(userId, "", List.of(new SimpleGrantedAuthority("ROLE_USER")));
		return new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(user, null,
				List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("FACTOR_PASSWORD"))));
	}

	@Test
	void theSessionsTimesAndLifetimeAreWrittenByteForByteAsTheJdkWritesThemAndReadBack() {
		List<Object> numbers = List.of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, System.currentTimeMillis(), 0, 1, -1,
				Integer.MIN_VALUE, Integer.MAX_VALUE, 28_800, 600);

		for (Object number : numbers) {
			byte[] written = this.serializer.serialize(number);

			assertThat(written).as("%s", number).isEqualTo(this.jdk.serialize(number));
			assertThat(this.serializer.deserialize(this.jdk.serialize(number))).as("%s", number)
				.isEqualTo(number)
				.hasSameClassAs(number);
		}
	}

	@Test
	void everyOtherValueIsWrittenAsTheJdkWritesItAndReadsTheSame() {
		SecurityContext context = signedIn(UUID.randomUUID().toString());
		List<Object> values = List.of("a session detail", (short) 7, 1.5d, Map.of("k", 3L),
				new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", UUID.randomUUID().toString()), context);

		for (Object value : values) {
			assertThat(this.serializer.serialize(value)).as("%s", value).isEqualTo(this.jdk.serialize(value));
		}
		Authentication read = ((SecurityContext) this.serializer.deserialize(this.jdk.serialize(context)))
			.getAuthentication();
		assertThat(read.getName()).isEqualTo(context.getAuthentication().getName());
		assertThat(read.getAuthorities()).isEqualTo(context.getAuthentication().getAuthorities());
		assertThat(this.serializer.deserialize(this.jdk.serialize("a session detail"))).isEqualTo("a session detail");
		assertThat(this.serializer.serialize(null)).isEqualTo(this.jdk.serialize(null));
		assertThat(this.serializer.deserialize(null)).isNull();
		assertThat(this.serializer.deserialize(new byte[0])).isNull();
	}

	@Test
	void bytesThatOnlyLookLikeANumberAreLeftToTheJdk() {
		byte[] longer = Arrays.copyOf(this.jdk.serialize(42L), this.jdk.serialize(42L).length + 1);
		byte[] otherClass = this.jdk.serialize(42L);
		int name = new String(otherClass, StandardCharsets.ISO_8859_1).indexOf("java.lang.Long");
		otherClass[name + "java.lang.Lon".length()] = 'x';

		assertThat(this.serializer.deserialize(longer)).isEqualTo(this.jdk.deserialize(longer));
		assertThatThrownBy(() -> this.jdk.deserialize(otherClass)).isInstanceOf(SerializationException.class);
		assertThatThrownBy(() -> this.serializer.deserialize(otherClass)).isInstanceOf(SerializationException.class);
	}

	@Test
	void aValueNamingAClassThatCannotBeFoundFailsAsWithSpringsSerializerEveryTime() {
		byte[] gone = this.jdk.serialize(new SimpleGrantedAuthority("ROLE_USER"));
		String text = new String(gone, StandardCharsets.ISO_8859_1);
		int name = text.indexOf("SimpleGrantedAuthority");
		gone[name] = 'Z';

		assertThatThrownBy(() -> this.jdk.deserialize(gone)).isInstanceOf(SerializationException.class);
		assertThatThrownBy(() -> this.serializer.deserialize(gone)).isInstanceOf(SerializationException.class);
		assertThatThrownBy(() -> this.serializer.deserialize(gone)).isInstanceOf(SerializationException.class);
	}

	@Test
	void requestsReadingSessionsAtOnceEachGetTheirOwnCompleteCopy() throws Exception {
		SessionValueSerializer fresh = new SessionValueSerializer(this.loader);
		int threads = 8;
		List<String> users = new ArrayList<>();
		List<byte[]> stored = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			users.add(UUID.randomUUID().toString());
			stored.add(this.jdk.serialize(signedIn(users.get(i))));
		}
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<List<SecurityContext>>> reads = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				byte[] bytes = stored.get(i);
				reads.add(pool.submit(() -> {
					start.await();
					List<SecurityContext> contexts = new ArrayList<>();
					for (int n = 0; n < 200; n++) {
						contexts.add((SecurityContext) fresh.deserialize(bytes));
					}
					return contexts;
				}));
			}
			start.countDown();

			List<SecurityContext> all = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				List<SecurityContext> contexts = reads.get(i).get(60, TimeUnit.SECONDS);
				String user = users.get(i);
				assertThat(contexts).hasSize(200)
					.allSatisfy((context) -> assertThat(context.getAuthentication().getName()).isEqualTo(user));
				all.addAll(contexts);
			}
			Set<SecurityContext> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
			distinct.addAll(all);
			assertThat(distinct).hasSize(all.size());
		}
		finally {
			pool.shutdownNow();
		}
	}

}
