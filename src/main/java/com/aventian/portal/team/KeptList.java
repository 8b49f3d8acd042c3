package com.aventian.portal.team;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.aventian.portal.shared.web.MarkupBytes;

/**
 * A members list as {@link MembersList} wrote it, kept without the one thing that is the request's own: the CSRF field
 * of the rows' forms, whose masked token differs on every request. The list is written with {@link #CSRF_MARK} where
 * the field goes and kept as the pieces around it, encoded once as the UTF-8 bytes they are sent as; each request gets
 * the pieces joined by its own field ({@link #with}), the same bytes as the list written for it, copied once into the
 * answer's bytes instead of being joined, copied and encoded as text on every request (issue 10).
 */
final class KeptList {

	/**
	 * Where a row's form carries the CSRF field. Nothing else in a list can hold it: the database's text has no NUL
	 * character, the typed query reaches the list only URI-escaped (the pager's links), and the random part is known
	 * to no one outside this instance.
	 */
	static final String CSRF_MARK = "\u0000csrf-" + UUID.randomUUID() + "\u0000";

	/** An array's header and its reference in the list, roughly: a piece's heap share beyond its bytes. */
	private static final int PIECE_OVERHEAD = 24;

	private final List<byte[]> pieces;

	private final int length;

	private KeptList(List<byte[]> pieces) {
		this.pieces = List.copyOf(pieces);
		int length = 0;
		for (byte[] piece : this.pieces) {
			length += piece.length;
		}
		this.length = length;
	}

	static KeptList of(String markup) {
		List<byte[]> pieces = new ArrayList<>();
		int from = 0;
		for (int at = markup.indexOf(CSRF_MARK); at >= 0; at = markup.indexOf(CSRF_MARK, from)) {
			pieces.add(markup.substring(from, at).getBytes(StandardCharsets.UTF_8));
			from = at + CSRF_MARK.length();
		}
		pieces.add(markup.substring(from).getBytes(StandardCharsets.UTF_8));
		return new KeptList(pieces);
	}

	/** The list as written for a request whose CSRF field is {@code csrfField}. */
	ForRequest with(String csrfField) {
		return new ForRequest(csrfField.getBytes(StandardCharsets.UTF_8));
	}

	/** What the list takes on the heap: its bytes and the arrays around them. */
	long bytes() {
		return 40 + this.length + (long) PIECE_OVERHEAD * this.pieces.size();
	}

	/** The kept list joined by one request's CSRF field. */
	final class ForRequest implements MarkupBytes {

		private final byte[] csrfField;

		private ForRequest(byte[] csrfField) {
			this.csrfField = csrfField;
		}

		@Override
		public int length() {
			return KeptList.this.length + this.csrfField.length * (KeptList.this.pieces.size() - 1);
		}

		@Override
		public void copyTo(byte[] page, int offset) {
			int at = offset;
			for (int i = 0; i < KeptList.this.pieces.size(); i++) {
				if (i > 0) {
					System.arraycopy(this.csrfField, 0, page, at, this.csrfField.length);
					at += this.csrfField.length;
				}
				byte[] piece = KeptList.this.pieces.get(i);
				System.arraycopy(piece, 0, page, at, piece.length);
				at += piece.length;
			}
		}

		/** The list's bytes alone, as the htmx list sends them. */
		byte[] bytes() {
			byte[] bytes = new byte[length()];
			copyTo(bytes, 0);
			return bytes;
		}

	}

}
