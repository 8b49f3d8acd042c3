package com.aventian.portal.rbac;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * What a member's grants cell ({@code rbac/member-grants :: grants}) shows, worked out in Java: its id and
 * htmx target, its links and each grant's labels. The members page builds one per row with the fixed texts
 * looked up once per page ({@link Labels}); {@link MemberGrantsController} builds one when it serves the cell
 * alone. The template only reads these values: per row it evaluated two link concatenations, an id and a
 * target per grant and three messages (issue 10). Strings are plain text the template escapes.
 */
@Component
public class GrantsCells {

	/** The cell's fixed texts. */
	public record Labels(String remove, String add, String none) {
	}

	/** One grant: its label ("Sales on contact 'ACME'"), and when it may be removed the link and its name. */
	public record Item(String label, String removeUrl, String removeLabel) {
	}

	/**
	 * A member's cell: {@code url} (the grants' own link) is null when the viewer may not change them, and
	 * then no grant has a remove link.
	 */
	public record Cell(String id, String target, String url, String newUrl, List<Item> items, Labels labels) {

		public boolean changeable() {
			return this.url != null;
		}

	}

	private final MessageSource messages;

	GrantsCells(MessageSource messages) {
		this.messages = messages;
	}

	public Labels labels(Locale locale) {
		return new Labels(this.messages.getMessage("grants.remove", null, locale),
				this.messages.getMessage("grants.add", null, locale),
				this.messages.getMessage("grants.none", null, locale));
	}

	/**
	 * The cell of {@code memberId}; {@code url} is the link of the member's grants ({@code .../grants}, with the
	 * context path) when the viewer may change them, else null.
	 */
	public Cell cell(UUID memberId, String url, List<GrantOfMember> grants, Labels labels, Locale locale) {
		String id = "grants-" + memberId;
		List<Item> items = new ArrayList<>(grants.size());
		for (GrantOfMember grant : grants) {
			String label = grant.label();
			items.add((url != null)
					? new Item(label, url + "/" + grant.id() + "/remove",
							this.messages.getMessage("grants.removeOne", new Object[] { label }, locale))
					: new Item(label, null, null));
		}
		return new Cell(id, "#" + id, url, (url != null) ? url + "/new" : null, items, labels);
	}

}
