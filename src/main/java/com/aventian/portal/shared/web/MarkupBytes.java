package com.aventian.portal.shared.web;

/**
 * Markup already held as UTF-8 bytes (a kept members list, for one): a page's model value of this type is not taken
 * through the template's text. The page view ({@code config.PageView}) gives the template a mark in its place, which
 * {@code th:utext} writes, and copies these bytes where the mark is into the page's bytes: a page carrying 60 KB of
 * kept markup copied them five times as text (the join, Thymeleaf's buffer, the page's buffer, their strings) and
 * encoded them once more, most of the page's allocation (issue 10).
 */
public interface MarkupBytes {

	/** How many bytes {@link #copyTo} copies. */
	int length();

	/** Copies the markup's bytes into {@code page} from {@code offset} on. */
	void copyTo(byte[] page, int offset);

}
