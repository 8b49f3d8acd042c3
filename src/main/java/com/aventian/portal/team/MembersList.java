package com.aventian.portal.team;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;

import com.aventian.portal.shared.web.Html;
import org.unbescape.uri.UriEscape;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The members list, the region the search and the pager swap ({@code #members-list}): the total, the table's head,
 * the rows ({@link MemberRows}), the empty state and the pager, written in Java. Drawn by Thymeleaf its frame was a
 * fifth of the htmx list's CPU (about 15 message lookups, four links and the writes through the response's wrappers
 * one piece at a time; issue 10, docs/PERFORMANCE.md); written here it is a few appends, and the htmx list is sent
 * without a template at all. The full page inserts what this writes ({@code th:utext="${list}"}), so there is one
 * copy of the list's markup. Every value that is not this class's own constant goes through {@link Html}'s escaping,
 * as {@code th:text} and {@code th:href} escaped it; the pager's links encode the typed query exactly as Thymeleaf's
 * {@code @{...(q=${page.query})}} did (unbescape's {@link UriEscape#escapeUriQueryParam}, the function its link
 * builder calls; {@code MembersListLinksTests} compares the two).
 */
@Component
class MembersList {

	/** Locales come from the request's {@code Accept-Language}: past this many kept, the texts are worked out each time. */
	private static final int MAX_LOCALES = 64;

	/** Totals kept as formatted per locale, past which a total is formatted each time. */
	private static final int MAX_TOTALS = 4096;

	private final MessageSource messages;

	private final MemberRows rows;

	private final Map<Locale, Texts> texts = new ConcurrentHashMap<>();

	/**
	 * {@code members.total} as formatted, per locale and total. Its nested choice ({@code 1<{0} members}) makes
	 * {@link java.text.MessageFormat} parse the chosen text and make a number format again on every call (2-3% of
	 * a members page); a team's total changes rarely and the messages never while the portal runs.
	 */
	private final Map<Total, String> totals = new ConcurrentHashMap<>();

	MembersList(MessageSource messages, MemberRows rows) {
		this.messages = messages;
		this.rows = rows;
	}

	private record Total(Locale locale, long total) {
	}

	/** What every list in one locale shares: the table's head (escaped), the empty state and the pager's labels. */
	private record Texts(String tableHead, String noMatch, String previous, String next) {
	}

	/**
	 * The list of one page of members, from {@code <div id="members-list">} to its {@code </div>}, the rows' forms
	 * with {@code csrfField} ({@link MemberRows#write}).
	 */
	String html(MembersPage page, UUID teamId, MemberRows.Viewer viewer, HttpServletRequest request, String csrfField) {
		Locale locale = RequestContextUtils.getLocale(request);
		Texts texts = texts(locale);
		Html out = new Html(2048 + 4096 * page.members().size());
		out.markup("<div id=\"members-list\"><p class=\"muted\" data-testid=\"member-total\">")
			.text(total(locale, page.total()))
			.markup("</p>");
		if (!page.members().isEmpty()) {
			out.markup(texts.tableHead());
			this.rows.write(out, page.members(), teamId, viewer, request, csrfField);
			out.markup("</tbody></table>");
		}
		if (page.members().isEmpty()) {
			out.markup("<p class=\"empty-state\">").text(texts.noMatch()).markup("</p>");
		}
		if (page.pages() > 1) {
			writePager(out, page, request.getContextPath() + "/teams/" + teamId + "/members", locale, texts);
		}
		return out.markup("</div>").toString();
	}

	private void writePager(Html out, MembersPage page, String path, Locale locale, Texts texts) {
		// the links @{/teams/{id}/members(id=...,q=${page.query},page=...)} wrote: the query's text encoded as
		// Thymeleaf's link builder encodes a parameter's value, then the whole link escaped as an attribute
		String query = path + "?q=" + UriEscape.escapeUriQueryParam(page.query()) + "&page=";
		out.markup("<nav class=\"pager\" aria-label=\"Pages\">\n        ");
		if (page.hasPrevious()) {
			writePageLink(out, query + (page.page() - 1), texts.previous());
		}
		out.markup("\n        <span>")
			.text(this.messages.getMessage("members.pageOf", new Object[] { page.page(), page.pages() }, locale))
			.markup("</span>\n        ");
		if (page.hasNext()) {
			writePageLink(out, query + (page.page() + 1), texts.next());
		}
		out.markup("\n      </nav>");
	}

	private static void writePageLink(Html out, String url, String label) {
		out.markup("<a").attr("href", url).markup("\n          ").attr("data-hx-get", url)
			.markup("\n           data-hx-target=\"#members-list\" data-hx-swap=\"outerHTML\" data-hx-push-url=\"true\">")
			.text(label)
			.markup("</a>");
	}

	private String total(Locale locale, long total) {
		Total key = new Total(locale, total);
		String kept = this.totals.get(key);
		if (kept != null) {
			return kept;
		}
		String formatted = this.messages.getMessage("members.total", new Object[] { total }, locale);
		if (this.totals.size() < MAX_TOTALS) {
			this.totals.putIfAbsent(key, formatted);
		}
		return formatted;
	}

	private Texts texts(Locale locale) {
		Texts kept = this.texts.get(locale);
		if (kept != null) {
			return kept;
		}
		Html head = new Html(512).markup("<table class=\"table members\"><thead><tr>");
		for (String heading : new String[] { "members.name", "members.email", "members.role", "grants.heading",
				"members.joined", "members.lastActive" }) {
			head.markup("<th scope=\"col\">").text(message(heading, locale)).markup("</th>");
		}
		head.markup("<th scope=\"col\"><span class=\"visually-hidden\">")
			.text(message("members.actions", locale))
			.markup("</span></th></tr></thead><tbody>");
		Texts texts = new Texts(head.toString(), message("members.noMatch", locale), message("members.previous", locale),
				message("members.next", locale));
		if (this.texts.size() < MAX_LOCALES) {
			this.texts.putIfAbsent(locale, texts);
		}
		return texts;
	}

	private String message(String code, Locale locale) {
		return this.messages.getMessage(code, null, locale);
	}

}
