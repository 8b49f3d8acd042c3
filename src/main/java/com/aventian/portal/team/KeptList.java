package com.aventian.portal.team;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A members list as {@link MembersList} wrote it, kept without the one thing that is the request's own: the CSRF field
 * of the rows' forms, whose masked token differs on every request. The list is written with {@link #CSRF_MARK} where
 * the field goes and kept as the pieces around it; each request gets the pieces joined by its own field, the same
 * bytes as the list written for it.
 */
record KeptList(List<String> pieces) {

	/**
	 * Where a row's form carries the CSRF field. Nothing else in a list can hold it: the database's text has no NUL
	 * character, the typed query reaches the list only URI-escaped (the pager's links), and the random part is known
	 * to no one outside this instance.
	 */
	static final String CSRF_MARK = "\u0000csrf-" + UUID.randomUUID() + "\u0000";

	KeptList {
		pieces = List.copyOf(pieces);
	}

	static KeptList of(String markup) {
		List<String> pieces = new ArrayList<>();
		int from = 0;
		for (int at = markup.indexOf(CSRF_MARK); at >= 0; at = markup.indexOf(CSRF_MARK, from)) {
			pieces.add(markup.substring(from, at));
			from = at + CSRF_MARK.length();
		}
		pieces.add(markup.substring(from));
		return new KeptList(pieces);
	}

	/** The list as written for a request whose CSRF field is {@code csrfField}. */
	String with(String csrfField) {
		int length = csrfField.length() * (this.pieces.size() - 1);
		for (String piece : this.pieces) {
			length += piece.length();
		}
		StringBuilder out = new StringBuilder(length);
		out.append(this.pieces.get(0));
		for (int i = 1; i < this.pieces.size(); i++) {
			out.append(csrfField).append(this.pieces.get(i));
		}
		return out.toString();
	}

	/** What the pieces take on the heap, counted as two bytes a character (the most a string's character takes). */
	long bytes() {
		long bytes = 0;
		for (String piece : this.pieces) {
			bytes += 40 + 2L * piece.length();
		}
		return bytes;
	}

}
