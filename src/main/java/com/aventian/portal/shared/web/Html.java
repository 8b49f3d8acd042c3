package com.aventian.portal.shared.web;

/**
 * Markup written in Java for the few pieces drawn many times per page (the members table's rows, issue 10: one
 * row through Thymeleaf cost about 50 attribute processors). Everything that is not a constant of the calling code
 * goes through {@link #text} or {@link #attr}, which escape exactly as Thymeleaf's {@code th:text} and
 * {@code th:attr} do ({@code & < > " '} as {@code &amp; &lt; &gt; &quot; &#39;}), so the same text comes out
 * whether a piece is drawn here or by a template. {@link #markup} takes only literal markup of the caller.
 */
public final class Html {

	private final StringBuilder out;

	public Html(int capacity) {
		this.out = new StringBuilder(capacity);
	}

	/** Literal markup from the calling code's own constants: never a value that came from a request or the database. */
	public Html markup(String markup) {
		this.out.append(markup);
		return this;
	}

	/** Text content, escaped; null writes nothing (as {@code th:text} of null). */
	public Html text(String text) {
		if (text != null) {
			escape(text);
		}
		return this;
	}

	/** {@code  name="value"}, the value escaped; a null value leaves the attribute out (as {@code th:attr} does). */
	public Html attr(String name, String value) {
		if (value != null) {
			this.out.append(' ').append(name).append("=\"");
			escape(value);
			this.out.append('"');
		}
		return this;
	}

	/** {@code  name="value"} for a value that is not text (a number, a UUID): nothing in it needs escaping. */
	public Html attr(String name, Object value) {
		return attr(name, String.valueOf(value));
	}

	private void escape(String text) {
		int length = text.length();
		int from = 0;
		for (int i = 0; i < length; i++) {
			String entity = entity(text.charAt(i));
			if (entity != null) {
				this.out.append(text, from, i).append(entity);
				from = i + 1;
			}
		}
		this.out.append(text, from, length);
	}

	private static String entity(char c) {
		return switch (c) {
			case '&' -> "&amp;";
			case '<' -> "&lt;";
			case '>' -> "&gt;";
			case '"' -> "&quot;";
			case '\'' -> "&#39;";
			default -> null;
		};
	}

	@Override
	public String toString() {
		return this.out.toString();
	}

}
