package com.aventian.portal.team;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The members lists this instance wrote ({@link KeptList}), the least recently used dropped first past a number of
 * lists or of bytes (the portal's resident-memory budget is 512 MB; a few MB keep the lists admins page through). A
 * list is kept under the version of its team's list (V32) it was read at, which the database moves with every change
 * of what the list shows: a reader that sees a newer version never finds the older list, which ages out. The one
 * thing shown that does not move the version, a member's last activity, bounds a list's age instead: a reader asks
 * for a list read since a given time ({@link KeptMembersLists}), and an older one is dropped. No other eviction is
 * needed, and none could reach another instance's cache.
 */
@Component
class MembersListCache {

	/**
	 * Everything a kept list depends on besides the team's data at that version: the query and the page asked for, the
	 * language and the links' context path, and the viewer (their own row and grants cell, and from their team-wide
	 * privileges what they may do in a row and which roles their picker offers).
	 */
	record Key(UUID teamId, long version, String query, int page, Locale locale, String contextPath, String viewerId,
			Set<String> viewerPrivileges) {

		Key at(long newVersion) {
			return new Key(this.teamId, newVersion, this.query, this.page, this.locale, this.contextPath,
					this.viewerId, this.viewerPrivileges);
		}

		/** The key's own share of an entry's bytes: its strings, the set and the objects around them, roughly. */
		long bytes() {
			return 512 + 2L * (this.query.length() + this.contextPath.length());
		}

	}

	private final int maxEntries;

	private final long maxBytes;

	private record Kept(KeptList list, Instant read) {

		long bytes(Key key) {
			return key.bytes() + this.list.bytes();
		}

	}

	/** In access order: the eldest is the least recently used. */
	private final LinkedHashMap<Key, Kept> lists = new LinkedHashMap<>(64, 0.75f, true);

	private long bytes;

	MembersListCache(@Value("${aventian.members-list-cache.max-entries:1000}") int maxEntries,
			@Value("${aventian.members-list-cache.max-bytes:4194304}") long maxBytes) {
		this.maxEntries = maxEntries;
		this.maxBytes = maxBytes;
	}

	/** The list kept under the key if it was read at or after {@code readSince}; one read before is dropped. */
	synchronized KeptList get(Key key, Instant readSince) {
		Kept kept = this.lists.get(key);
		if (kept == null) {
			return null;
		}
		if (kept.read().isBefore(readSince)) {
			this.lists.remove(key);
			this.bytes -= kept.bytes(key);
			return null;
		}
		return kept.list();
	}

	/** Keeps a list whose rows were read at {@code read} or later. */
	synchronized void put(Key key, KeptList list, Instant read) {
		Kept kept = new Kept(list, read);
		long size = kept.bytes(key);
		if (size > this.maxBytes) {
			return;
		}
		Kept replaced = this.lists.put(key, kept);
		if (replaced != null) {
			this.bytes -= replaced.bytes(key);
		}
		this.bytes += size;
		Iterator<Map.Entry<Key, Kept>> eldest = this.lists.entrySet().iterator();
		while (this.lists.size() > this.maxEntries || this.bytes > this.maxBytes) {
			Map.Entry<Key, Kept> dropped = eldest.next();
			this.bytes -= dropped.getValue().bytes(dropped.getKey());
			eldest.remove();
		}
	}

	synchronized int size() {
		return this.lists.size();
	}

	synchronized long bytes() {
		return this.bytes;
	}

}
