package com.aventian.portal.rbac;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.aventian.portal.shared.web.Html;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A member's grants cell: what it shows ({@link Cell}) and its markup, the one copy of it. The members page writes
 * one per row inside the row's markup ({@code team.MemberRows}); {@link MemberGrantsController} writes one when it
 * serves the cell alone (after adding or removing a grant, or on the member's grants page). Drawn by Thymeleaf, a
 * cell was about 17 attribute processors per row of the members page (issue 10); written here it is a few appends.
 * Every label and link goes through {@link Html}'s escaping. The fixed texts are looked up once per page
 * ({@link Labels}).
 */
@Component
public class GrantsCells {

	/** Argument marker: a message is formatted once with it and split there, then put around each label. */
	private static final String ARGUMENT = "\u0000";

	/** The cell's fixed texts; {@code removeOne} is {@code grants.removeOne} split around its argument. */
	public record Labels(String remove, String add, String none, String removeOneBefore, String removeOneAfter) {
	}

	/** One grant: its label ("Sales on contact 'ACME'"), and when it may be removed the link and its name. */
	public record Item(String label, String removeUrl, String removeLabel) {
	}

	/**
	 * A member's cell: {@code url} (the grants' own link) is null when the viewer may not change them, and
	 * then no grant has a remove link.
	 */
	public record Cell(String id, String url, String newUrl, List<Item> items, Labels labels) {

		public boolean changeable() {
			return this.url != null;
		}

	}

	private final MessageSource messages;

	GrantsCells(MessageSource messages) {
		this.messages = messages;
	}

	public Labels labels(Locale locale) {
		String removeOne = this.messages.getMessage("grants.removeOne", new Object[] { ARGUMENT }, locale);
		int at = removeOne.indexOf(ARGUMENT);
		return new Labels(this.messages.getMessage("grants.remove", null, locale),
				this.messages.getMessage("grants.add", null, locale), this.messages.getMessage("grants.none", null, locale),
				removeOne.substring(0, at), removeOne.substring(at + ARGUMENT.length()));
	}

	/**
	 * The cell of {@code memberId}; {@code url} is the link of the member's grants ({@code .../grants}, with the
	 * context path) when the viewer may change them, else null.
	 */
	public Cell cell(UUID memberId, String url, List<GrantOfMember> grants, Labels labels) {
		String id = "grants-" + memberId;
		List<Item> items = new ArrayList<>(grants.size());
		for (GrantOfMember grant : grants) {
			String label = grant.label();
			items.add((url != null)
					? new Item(label, url + "/" + grant.id() + "/remove", labels.removeOneBefore() + label + labels.removeOneAfter())
					: new Item(label, null, null));
		}
		return new Cell(id, url, (url != null) ? url + "/new" : null, items, labels);
	}

	/** The cell served alone, with the outcome of the change that redrew it (either may be null). */
	public String html(Cell cell, String message, String error) {
		Html out = new Html(1024);
		write(out, cell, message, error);
		return out.toString();
	}

	/**
	 * The cell's markup: the target of every change made from it, its grants, its links. The links take their
	 * target and swap from the cell ({@code data-hx-target="this"}, inherited as htmx does by default), not each
	 * from its own attributes: the same requests and swaps in about 170 fewer bytes per row of the members page.
	 * No whitespace between the tags but the one between a grant's label and its link, the one a browser shows.
	 */
	public void write(Html out, Cell cell, String message, String error) {
		out.markup("<div").attr("id", cell.id()).markup(" class=\"grants\" data-testid=\"member-grants\"");
		if (cell.changeable()) {
			out.markup(" data-hx-target=\"this\" data-hx-swap=\"outerHTML\"");
		}
		out.markup("><ul class=\"grant-list\">");
		for (Item item : cell.items()) {
			out.markup("<li data-testid=\"grant\"><span>").text(item.label()).markup("</span>");
			if (cell.changeable()) {
				out.markup(" <a class=\"link-button\" data-testid=\"remove-grant\"").attr("href", item.removeUrl())
					.attr("data-hx-get", item.removeUrl()).attr("aria-label", item.removeLabel()).markup(">")
					.text(cell.labels().remove()).markup("</a>");
			}
			out.markup("</li>");
		}
		out.markup("</ul>");
		if (cell.items().isEmpty()) {
			out.markup("<p class=\"muted\">").text(cell.labels().none()).markup("</p>");
		}
		if (cell.changeable()) {
			out.markup("<a class=\"button small\" data-testid=\"add-grant\"").attr("href", cell.url())
				.attr("data-hx-get", cell.newUrl()).markup(">").text(cell.labels().add()).markup("</a>");
		}
		if (message != null) {
			out.markup("<p class=\"row-message\" role=\"status\">").text(message).markup("</p>");
		}
		if (error != null) {
			out.markup("<p class=\"field-error\" role=\"alert\">").text(error).markup("</p>");
		}
		out.markup("</div>");
	}

}
