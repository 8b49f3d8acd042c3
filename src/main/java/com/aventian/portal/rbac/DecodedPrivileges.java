package com.aventian.portal.rbac;

import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The privileges last decoded from the role cache's text, per member and team, used again while Redis answers the
 * very same text. Decoding the JSON (the team with its creation time, the products, every grant) was about 8% of a
 * team page's CPU (issue 10), paid on every request for a text that changes only when the member's privileges do.
 * Redis is still read on every request: a change replaces or removes the text there, the next request's text differs
 * from the one kept here and is decoded afresh, so a role change or removal counts on the very next request as
 * before. What is kept is immutable ({@link EffectivePrivileges}), so requests of several threads share it.
 * <p>
 * Bounded by the length of the texts kept ({@code maxChars}; the decoded values are a few times that): past it,
 * entries are dropped in the map's order until it fits again, whichever member they are for. A member's entry
 * whose text is not read again (the member gone, their privileges changed) stays until dropped so.
 */
final class DecodedPrivileges {

	private final ConcurrentHashMap<Key, Decoded> kept = new ConcurrentHashMap<>();

	private final AtomicLong chars = new AtomicLong();

	private final long maxChars;

	DecodedPrivileges(long maxChars) {
		this.maxChars = maxChars;
	}

	/** The privileges decoded from exactly this text for the member and team, else null. */
	EffectivePrivileges find(UUID userId, UUID teamId, String text) {
		Decoded decoded = this.kept.get(new Key(userId, teamId));
		return (decoded != null && decoded.text().equals(text)) ? decoded.privileges() : null;
	}

	/** Keeps what {@code text} decoded to for the member and team, in place of what was kept for them before. */
	void keep(UUID userId, UUID teamId, String text, EffectivePrivileges privileges) {
		if (text.length() > this.maxChars) {
			return;
		}
		Key key = new Key(userId, teamId);
		Decoded previous = this.kept.put(key, new Decoded(text, privileges));
		this.chars.addAndGet(text.length() - ((previous == null) ? 0 : previous.text().length()));
		Iterator<Map.Entry<Key, Decoded>> entries = this.kept.entrySet().iterator();
		while (this.chars.get() > this.maxChars && entries.hasNext()) {
			Map.Entry<Key, Decoded> entry = entries.next();
			// each text is counted once when put and once when removed, whichever thread does either
			if (!entry.getKey().equals(key) && this.kept.remove(entry.getKey(), entry.getValue())) {
				this.chars.addAndGet(-entry.getValue().text().length());
			}
		}
	}

	/** The length of the texts kept now. */
	long chars() {
		return this.chars.get();
	}

	/** How many members' privileges are kept now. */
	int size() {
		return this.kept.size();
	}

	private record Key(UUID userId, UUID teamId) {
	}

	private record Decoded(String text, EffectivePrivileges privileges) {
	}

}
