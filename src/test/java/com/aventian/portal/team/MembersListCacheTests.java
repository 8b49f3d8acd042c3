package com.aventian.portal.team;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounds of the kept members lists: by number and by bytes, the least recently used dropped first; by age, a list
 * read before the time asked for dropped.
 */
class MembersListCacheTests {

	private static final UUID TEAM = UUID.randomUUID();

	private static final Instant READ = Instant.parse("2026-11-30T08:00:00Z");

	static MembersListCache.Key key(long version, int page) {
		return new MembersListCache.Key(TEAM, version, "", page, Locale.ENGLISH, "", "viewer", Set.of("members.read"));
	}

	static KeptList list(int characters) {
		return KeptList.of("x".repeat(characters));
	}

	@Test
	void pastItsNumberOfListsTheLeastRecentlyUsedGoes() {
		MembersListCache cache = new MembersListCache(2, 1 << 20);
		cache.put(key(1, 1), list(10), READ);
		cache.put(key(1, 2), list(10), READ);
		cache.get(key(1, 1), READ);

		cache.put(key(1, 3), list(10), READ);

		assertThat(cache.get(key(1, 1), READ)).isNotNull();
		assertThat(cache.get(key(1, 2), READ)).isNull();
		assertThat(cache.get(key(1, 3), READ)).isNotNull();
		assertThat(cache.size()).isEqualTo(2);
	}

	@Test
	void pastItsBytesTheLeastRecentlyUsedGoUntilItFits() {
		long one = key(1, 1).bytes() + list(1000).bytes();
		MembersListCache cache = new MembersListCache(100, 3 * one);
		for (int page = 1; page <= 5; page++) {
			cache.put(key(1, page), list(1000), READ);
		}

		assertThat(cache.bytes()).isEqualTo(3 * one);
		assertThat(cache.get(key(1, 2), READ)).isNull();
		assertThat(cache.get(key(1, 3), READ)).isNotNull();
	}

	@Test
	void aListLargerThanTheWholeBudgetIsNotKeptAndDropsNothing() {
		MembersListCache cache = new MembersListCache(100, 10_000);
		cache.put(key(1, 1), list(10), READ);

		cache.put(key(1, 2), list(100_000), READ);

		assertThat(cache.get(key(1, 2), READ)).isNull();
		assertThat(cache.get(key(1, 1), READ)).isNotNull();
	}

	@Test
	void aListKeptAgainUnderTheSameKeyIsCountedOnce() {
		MembersListCache cache = new MembersListCache(100, 1 << 20);
		cache.put(key(1, 1), list(10), READ);
		long once = cache.bytes();

		cache.put(key(1, 1), list(10), READ);

		assertThat(cache.bytes()).isEqualTo(once);
		assertThat(cache.size()).isEqualTo(1);
	}

	@Test
	void aListReadBeforeTheTimeAskedForIsDroppedAndOneReadSinceIsServed() {
		MembersListCache cache = new MembersListCache(100, 1 << 20);
		cache.put(key(1, 1), list(10), READ);
		cache.put(key(1, 2), list(10), READ.plusSeconds(1));
		long second = key(1, 2).bytes() + list(10).bytes();

		assertThat(cache.get(key(1, 1), READ)).isNotNull();
		assertThat(cache.get(key(1, 1), READ.plus(Duration.ofMillis(1)))).isNull();
		assertThat(cache.get(key(1, 1), READ.minusSeconds(1))).as("dropped, not only hidden").isNull();
		assertThat(cache.size()).isEqualTo(1);
		assertThat(cache.bytes()).isEqualTo(second);
		assertThat(cache.get(key(1, 2), READ.plusSeconds(1))).isNotNull();
	}

	@Test
	void theBoundsHoldUnderConcurrentStoresAndReads() throws Exception {
		long one = key(1, 1).bytes() + list(500).bytes();
		MembersListCache cache = new MembersListCache(50, 20 * one);
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> work = new ArrayList<>();
			for (int thread = 0; thread < 8; thread++) {
				int base = thread * 10_000;
				work.add(threads.submit(() -> {
					for (int i = 0; i < 5_000; i++) {
						cache.put(key(base + i, i % 7), list(500), READ);
						// every other read asks for a list newer than the one kept: dropped by age
						cache.get(key(base + i - 1, (i - 1) % 7), (i % 2 == 0) ? READ : READ.plusSeconds(1));
						assertThat(cache.bytes()).isLessThanOrEqualTo(20 * one);
					}
				}));
			}
			for (Future<?> done : work) {
				done.get();
			}
		}
		finally {
			threads.shutdownNow();
		}

		assertThat(cache.size()).isBetween(1, 20);
		assertThat(cache.bytes()).isEqualTo(cache.size() * one);
	}

	@Test
	void aKeptListGivesEachRequestItsOwnCsrfFieldWhereTheMarkWas() {
		KeptList kept = KeptList.of("<form>" + KeptList.CSRF_MARK + "</form><form>" + KeptList.CSRF_MARK + "</form>");

		assertThat(text(kept.with("<input name=\"_csrf\" value=\"A\"/>")))
			.isEqualTo("<form><input name=\"_csrf\" value=\"A\"/></form><form><input name=\"_csrf\" value=\"A\"/></form>");
		assertThat(text(kept.with(""))).isEqualTo("<form></form><form></form>");
		assertThat(text(KeptList.of("no form").with("field"))).isEqualTo("no form");
	}

	@Test
	void aListWithNamesBeyondAsciiIsTheUtf8BytesOfTheListWrittenForTheRequest() {
		String row = "<td>Zoë &amp; Łukasz 日本 \uD83D\uDE00</td><form>";
		KeptList kept = KeptList.of(row + KeptList.CSRF_MARK + "</form>" + row + KeptList.CSRF_MARK + "</form>");
		String field = "<input name=\"_csrf\" value=\"ü\"/>";
		byte[] written = (row + field + "</form>" + row + field + "</form>").getBytes(StandardCharsets.UTF_8);

		KeptList.ForRequest list = kept.with(field);

		assertThat(list.bytes()).isEqualTo(written);
		assertThat(list.length()).isEqualTo(written.length);
		byte[] page = new byte[written.length + 4];
		list.copyTo(page, 2);
		assertThat(Arrays.copyOfRange(page, 2, 2 + written.length)).isEqualTo(written);
		assertThat(kept.bytes()).isGreaterThan(written.length - 2L * field.length());
	}

	static String text(KeptList.ForRequest list) {
		return new String(list.bytes(), StandardCharsets.UTF_8);
	}

}
