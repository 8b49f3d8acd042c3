package com.aventian.portal.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.csrf.DefaultCsrfToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a session's read answers is what decoding its bytes answers; only decoding the same bytes twice is saved.
 */
class DecodedSessionValuesTests {

	static final String CONTEXT = "sessionAttr:SPRING_SECURITY_CONTEXT";

	final JdkSerializationRedisSerializer jdk = new JdkSerializationRedisSerializer(getClass().getClassLoader());

	final DecodedSessionValues decoded = new DecodedSessionValues();

	final AtomicInteger decodings = new AtomicInteger();

	final Function<byte[], Object> decode = (bytes) -> {
		this.decodings.incrementAndGet();
		return this.jdk.deserialize(bytes);
	};

	/** One read of the session: its fields' values as the read answers them. */
	Map<String, Object> read(String sessionId, Map<String, byte[]> stored) {
		return read(this.decoded, sessionId, stored, this.decode);
	}

	static Map<String, Object> read(DecodedSessionValues decoded, String sessionId, Map<String, byte[]> stored,
			Function<byte[], Object> decode) {
		DecodedSessionValues.Read read = decoded.read(sessionId);
		Map<String, Object> values = new LinkedHashMap<>();
		// each read brings its own copy of the bytes, as Redis's answer does
		stored.forEach((field, bytes) -> values.put(field, read.value(field, bytes.clone(), decode)));
		read.done();
		return values;
	}

	byte[] contextOf(String userId) {
		return this.jdk.serialize(SessionValueSerializerTests.signedIn(userId));
	}

	static String userIn(Object context) {
		return ((SecurityContext) context).getAuthentication().getName();
	}

	static Object decodedOrRefused(Supplier<Object> decoding) {
		try {
			return decoding.get();
		}
		catch (SerializationException refused) {
			return SerializationException.class;
		}
	}

	@Nested
	class TheSameBytes {

		@Test
		void areDecodedOnceAndTheSecurityContextIsANewOnePerReadAroundTheSameToken() {
			String user = UUID.randomUUID().toString();
			Map<String, byte[]> stored = Map.of(CONTEXT, contextOf(user), "sessionAttr:ip",
					DecodedSessionValuesTests.this.jdk.serialize("127.0.0.1"), "sessionAttr:csrf",
					DecodedSessionValuesTests.this.jdk.serialize(new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "t")));

			Map<String, Object> first = read("s1", stored);
			Map<String, Object> second = read("s1", stored);
			Map<String, Object> third = read("s1", stored);

			assertThat(DecodedSessionValuesTests.this.decodings).hasValue(3);
			assertThat(userIn(third.get(CONTEXT))).isEqualTo(user);
			assertThat(third.get(CONTEXT)).isNotSameAs(second.get(CONTEXT)).isNotSameAs(first.get(CONTEXT));
			assertThat(((SecurityContext) third.get(CONTEXT)).getAuthentication())
				.isSameAs(((SecurityContext) first.get(CONTEXT)).getAuthentication());
			assertThat(third.get("sessionAttr:ip")).isEqualTo("127.0.0.1");
			assertThat(((DefaultCsrfToken) third.get("sessionAttr:csrf")).getToken()).isEqualTo("t");
		}

		@Test
		void aContextClearedByOneRequestsSignOutIsNotClearedForTheNext() {
			Map<String, byte[]> stored = Map.of(CONTEXT, contextOf("ana"));
			SecurityContext signingOut = (SecurityContext) read("s1", stored).get(CONTEXT);

			signingOut.setAuthentication(null);

			assertThat(userIn(read("s1", stored).get(CONTEXT))).isEqualTo("ana");
		}

		@Test
		void aValueARequestCouldChangeIsDecodedOnEveryRead() {
			Map<String, byte[]> stored = Map.of("sessionAttr:list",
					DecodedSessionValuesTests.this.jdk.serialize(new ArrayList<>(List.of("a"))));

			@SuppressWarnings("unchecked")
			List<String> first = (List<String>) read("s1", stored).get("sessionAttr:list");
			first.add("b");

			assertThat(read("s1", stored).get("sessionAttr:list")).isEqualTo(List.of("a"));
			assertThat(DecodedSessionValuesTests.this.decodings).hasValue(2);
		}

		@Test
		void aTokenChangedAfterItWasDecodedIsDecodedAgainNotHandedOut() {
			Map<String, byte[]> stored = Map.of(CONTEXT, contextOf("ana"));
			Authentication token = ((SecurityContext) read("s1", stored).get(CONTEXT)).getAuthentication();

			token.setAuthenticated(false);
			Authentication next = ((SecurityContext) read("s1", stored).get(CONTEXT)).getAuthentication();

			assertThat(next).isNotSameAs(token);
			assertThat(next.isAuthenticated()).isTrue();
			assertThat(DecodedSessionValuesTests.this.decodings).hasValue(2);
		}

	}

	@Nested
	class OtherBytes {

		@Test
		void aChangedValueIsDecodedAfreshAndAnswersWhatItsBytesSay() {
			read("s1", Map.of(CONTEXT, contextOf("ana")));

			Object now = read("s1", Map.of(CONTEXT, contextOf("ben"))).get(CONTEXT);

			assertThat(userIn(now)).isEqualTo("ben");
			assertThat(userIn(read("s1", Map.of(CONTEXT, contextOf("ben"))).get(CONTEXT))).isEqualTo("ben");
			assertThat(DecodedSessionValuesTests.this.decodings).hasValue(2);
		}

		@Test
		void aTamperedValueIsDecodedAndAnswersAsTheJdkDoesEvenAfterItsGoodBytesWereRead() {
			byte[] good = contextOf("ana");
			read("s1", Map.of(CONTEXT, good));
			byte[] cut = Arrays.copyOf(good, good.length - 1);
			byte[] tampered = Arrays.copyOf(good, good.length);
			tampered[tampered.length / 2] ^= 0x55;

			assertThatThrownBy(() -> read("s1", Map.of(CONTEXT, cut))).isInstanceOf(SerializationException.class);
			Object jdkSays = decodedOrRefused(() -> DecodedSessionValuesTests.this.jdk.deserialize(tampered));
			Object readSays = decodedOrRefused(() -> read("s1", Map.of(CONTEXT, tampered)).get(CONTEXT));

			if (jdkSays instanceof SecurityContext context) {
				assertThat(userIn(readSays)).isEqualTo(userIn(context));
			}
			else {
				assertThat(readSays).isEqualTo(jdkSays);
			}
			assertThat(DecodedSessionValuesTests.this.decodings).hasValue(3);
		}

		@Test
		void aValueThatDoesNotDecodeIsNeverKeptAndIsRefusedOnEveryRead() {
			byte[] damaged = new byte[] { (byte) 0xAC, (byte) 0xED, 0, 5, 's', 'r', 0, 9 };
			RedisSerializer<Object> tolerant = DamagedSessions.tolerantSessionSerializer();

			Object first = read(DecodedSessionValuesTests.this.decoded, "s1", Map.of(CONTEXT, damaged),
					tolerant::deserialize).get(CONTEXT);
			Object second = read(DecodedSessionValuesTests.this.decoded, "s1", Map.of(CONTEXT, damaged),
					tolerant::deserialize).get(CONTEXT);

			assertThat(first).isNotInstanceOf(SecurityContext.class);
			assertThat(second).isSameAs(first);
			assertThat(DecodedSessionValuesTests.this.decoded.sessionsKept()).isZero();
		}

		@Test
		void anotherSessionsBytesAreDecodedForThisSessionNotTakenFromTheOther() {
			byte[] anas = contextOf("ana");
			read("s1", Map.of(CONTEXT, anas));

			read("s2", Map.of(CONTEXT, anas));

			assertThat(DecodedSessionValuesTests.this.decodings).hasValue(2);
		}

		@Test
		void aFieldGoneFromTheRecordIsForgotten() {
			byte[] team = DecodedSessionValuesTests.this.jdk.serialize(UUID.randomUUID());
			read("s1", Map.of(CONTEXT, contextOf("ana"), "sessionAttr:team", team));
			read("s1", Map.of(CONTEXT, contextOf("ana")));

			read("s1", Map.of("sessionAttr:team", team));

			assertThat(DecodedSessionValuesTests.this.decodings).hasValue(3);
		}

	}

	@Nested
	class Bounds {

		@Test
		void atMostTheBoundOfSessionsIsKeptAndAForgottenOneIsDecodedAgain() {
			byte[] name = DecodedSessionValuesTests.this.jdk.serialize("a detail");
			int sessions = DecodedSessionValues.SESSIONS + 50;
			for (int i = 0; i < sessions; i++) {
				read("s" + i, Map.of("sessionAttr:name", name));
			}
			assertThat(DecodedSessionValuesTests.this.decoded.sessionsKept()).isEqualTo(DecodedSessionValues.SESSIONS);
			int before = DecodedSessionValuesTests.this.decodings.get();

			for (int i = 0; i < sessions; i++) {
				assertThat(read("s" + i, Map.of("sessionAttr:name", name)).get("sessionAttr:name")).isEqualTo("a detail");
			}

			assertThat(DecodedSessionValuesTests.this.decodings.get() - before).isBetween(50, sessions);
			assertThat(DecodedSessionValuesTests.this.decoded.sessionsKept()).isEqualTo(DecodedSessionValues.SESSIONS);
		}

		@Test
		void aRecordWithNothingToKeepIsForgotten() {
			read("s1", Map.of(CONTEXT, contextOf("ana")));

			read("s1", Map.of());

			assertThat(DecodedSessionValuesTests.this.decoded.sessionsKept()).isZero();
		}

	}

	@Nested
	class AtOnce {

		@Test
		void readsAtOnceOfSessionsWhoseContextsChangeEachAnswerTheUserOfTheBytesTheyRead() throws Exception {
			int threads = 8;
			int readsEach = 2_000;
			List<byte[]> contexts = new ArrayList<>();
			List<String> users = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				users.add("user-" + i);
				contexts.add(contextOf(users.get(i)));
			}
			byte[] detail = DecodedSessionValuesTests.this.jdk.serialize("detail");
			ExecutorService pool = Executors.newFixedThreadPool(threads);
			CountDownLatch start = new CountDownLatch(1);
			try {
				List<Future<Integer>> checks = new ArrayList<>();
				for (int t = 0; t < threads; t++) {
					int offset = t;
					checks.add(pool.submit(() -> {
						start.await();
						int checked = 0;
						for (int n = 0; n < readsEach; n++) {
							int which = ((n / 7) + offset) % contexts.size();
							Map<String, Object> values = read(DecodedSessionValuesTests.this.decoded, "s" + (n % 3),
									Map.of(CONTEXT, contexts.get(which), "sessionAttr:detail", detail), DecodedSessionValuesTests.this.decode);
							SecurityContext context = (SecurityContext) values.get(CONTEXT);
							assertThat(context.getAuthentication().getName()).isEqualTo(users.get(which));
							assertThat(values.get("sessionAttr:detail")).isEqualTo("detail");
							// a request signing out clears its own context, never another request's
							context.setAuthentication(null);
							checked++;
						}
						return checked;
					}));
				}
				start.countDown();
				for (Future<Integer> check : checks) {
					assertThat(check.get(60, TimeUnit.SECONDS)).isEqualTo(readsEach);
				}
			}
			finally {
				pool.shutdownNow();
			}
			assertThat(DecodedSessionValuesTests.this.decodings.get()).isLessThan(threads * readsEach * 2);
		}

	}

}
