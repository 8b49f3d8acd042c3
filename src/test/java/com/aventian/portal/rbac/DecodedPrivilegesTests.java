package com.aventian.portal.rbac;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The role cache's decoded texts kept in memory (issue 10): found only for the very same text of the same member and
 * team, and bounded by the length of the texts kept, however many members and threads fill it.
 */
class DecodedPrivilegesTests {

	final UUID ann = UUID.randomUUID();

	final UUID team = UUID.randomUUID();

	@Test
	void aKeptDecodingIsFoundOnlyForTheSameTextOfTheSameMemberAndTeam() {
		DecodedPrivileges decoded = new DecodedPrivileges(1_000);
		EffectivePrivileges privileges = EffectivePrivileges.none(this.ann, this.team);

		decoded.keep(this.ann, this.team, "{\"grants\":[1]}", privileges);

		assertThat(decoded.find(this.ann, this.team, new String("{\"grants\":[1]}"))).isSameAs(privileges);
		assertThat(decoded.find(this.ann, this.team, "{\"grants\":[2]}")).isNull();
		assertThat(decoded.find(UUID.randomUUID(), this.team, "{\"grants\":[1]}")).isNull();
		assertThat(decoded.find(this.ann, UUID.randomUUID(), "{\"grants\":[1]}")).isNull();
	}

	@Test
	void aNewTextForTheSameMemberReplacesTheOldOne() {
		DecodedPrivileges decoded = new DecodedPrivileges(1_000);

		decoded.keep(this.ann, this.team, "old text", EffectivePrivileges.none(this.ann, this.team));
		EffectivePrivileges changed = EffectivePrivileges.none(this.ann, this.team);
		decoded.keep(this.ann, this.team, "the new text", changed);

		assertThat(decoded.find(this.ann, this.team, "old text")).isNull();
		assertThat(decoded.find(this.ann, this.team, "the new text")).isSameAs(changed);
		assertThat(decoded.size()).isEqualTo(1);
		assertThat(decoded.chars()).isEqualTo("the new text".length());
	}

	@Test
	void pastItsBoundEntriesAreDroppedUntilTheKeptTextsFitAndTheNewestIsKept() {
		// given room for 1,000 characters of text
		DecodedPrivileges decoded = new DecodedPrivileges(1_000);

		// when 50 members' texts of 100 characters each are kept
		UUID last = null;
		for (int i = 0; i < 50; i++) {
			last = UUID.randomUUID();
			decoded.keep(last, this.team, "x".repeat(100), EffectivePrivileges.none(last, this.team));
		}

		// then at most ten are kept, the last one among them; a text longer than the bound is never kept
		assertThat(decoded.chars()).isLessThanOrEqualTo(1_000);
		assertThat(decoded.size()).isBetween(1, 10);
		assertThat(decoded.find(last, this.team, "x".repeat(100))).isNotNull();
		decoded.keep(this.ann, this.team, "y".repeat(1_001), EffectivePrivileges.none(this.ann, this.team));
		assertThat(decoded.find(this.ann, this.team, "y".repeat(1_001))).isNull();
		assertThat(decoded.chars()).isLessThanOrEqualTo(1_000);
	}

	@Test
	void threadsKeepingAtOnceLeaveTheCountEqualToTheTextsKept() throws Exception {
		// given a bound that four threads' texts overflow many times, some members shared between threads
		DecodedPrivileges decoded = new DecodedPrivileges(5_000);
		List<UUID> members = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			members.add(UUID.randomUUID());
		}
		CyclicBarrier start = new CyclicBarrier(4);
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Future<Void>> done = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				int thread = t;
				done.add(threads.submit((Callable<Void>) () -> {
					start.await(30, TimeUnit.SECONDS);
					for (int i = 0; i < 5_000; i++) {
						UUID member = members.get((i * 7 + thread) % members.size());
						decoded.keep(member, this.team, "t".repeat(10 + (i + thread) % 90),
								EffectivePrivileges.none(member, this.team));
					}
					return null;
				}));
			}
			for (Future<Void> future : done) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}

		// then, all done, the count is the length of the texts kept, and within the bound
		long kept = 0;
		for (UUID member : members) {
			for (int length = 10; length < 100; length++) {
				if (decoded.find(member, this.team, "t".repeat(length)) != null) {
					kept += length;
				}
			}
		}
		assertThat(decoded.chars()).isEqualTo(kept).isLessThanOrEqualTo(5_000);
	}

	@Test
	void threadsKeepingAndFindingTheSameTextForManyMembersAtOnceEachFindOnlyTheirOwnMembersPrivileges()
			throws Exception {
		// given members in two teams whose cached texts are all the very same text, and a bound they overflow
		DecodedPrivileges decoded = new DecodedPrivileges(2_000);
		UUID otherTeam = UUID.randomUUID();
		List<UUID> members = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			members.add(UUID.randomUUID());
		}
		String text = "{\"grants\":[\"" + "g".repeat(80) + "\"]}";
		CyclicBarrier start = new CyclicBarrier(4);
		ExecutorService threads = Executors.newFixedThreadPool(4);
		List<String> wrong = new CopyOnWriteArrayList<>();
		try {
			// when four threads keep and find them at once, evicting one another's entries
			List<Future<Void>> done = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				int thread = t;
				done.add(threads.submit((Callable<Void>) () -> {
					start.await(30, TimeUnit.SECONDS);
					for (int i = 0; i < 20_000; i++) {
						UUID member = members.get((i * 13 + thread) % members.size());
						UUID team = (i % 2 == 0) ? this.team : otherTeam;
						EffectivePrivileges found = decoded.find(member, team, text);
						if (found == null) {
							decoded.keep(member, team, text, EffectivePrivileges.none(member, team));
						}
						else if (!found.userId().equals(member) || !found.teamId().equals(team)) {
							wrong.add(member + "/" + team + " found " + found.userId() + "/" + found.teamId());
						}
					}
					return null;
				}));
			}
			for (Future<Void> future : done) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}

		// then each find answered the privileges of the member and team asked for, or nothing
		assertThat(wrong).isEmpty();
		assertThat(decoded.chars()).isLessThanOrEqualTo(2_000);
	}

}
