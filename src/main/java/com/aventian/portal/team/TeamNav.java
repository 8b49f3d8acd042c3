package com.aventian.portal.team;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The links of a team's navigation ({@code team/nav}): which the member sees, decided by their
 * team-wide privileges, each with its link and label. Before, the template tested each link's privilege and looked
 * its label up on every page (issue 10); {@link TeamNavMarkup} now draws the fragment once per set of visible links.
 * The labels come from the messages once per locale (the message source caches its bundles for the application's
 * life).
 */
@Component
public class TeamNav {

	/** One link: the template escapes the strings as {@code th:href} and {@code th:text} do. */
	public record Item(String href, String label, String current, String testId) {
	}

	/**
	 * What the navigation takes from a locale: its heading and its links' labels, in the navigation's order. Equal texts
	 * draw equal markup, so {@link TeamNavMarkup} keeps its drawings by them, not by the locale: the languages the portal
	 * has no messages for share one drawing however many a client makes up.
	 */
	record Texts(String heading, List<String> labels) {
	}

	/** A link of the navigation: shown to members with {@code privilege} (every member when null). */
	private record Link(String key, String privilege, String path, String message, String testId) {
	}

	private static final List<Link> LINKS = List.of(new Link("home", null, "", "team.nav.home", null),
			new Link("members", "members.read", "/members", "team.nav.members", null),
			new Link("invitations", "members.invite", "/invitations", "team.nav.invitations", null),
			new Link("resources", "roles.manage", "/resources", "team.nav.resources", null),
			new Link("products", "team.read", "/products", "team.nav.products", "nav-products"),
			new Link("settings", "team.update", "/settings", "team.nav.settings", null),
			new Link("roles", "roles.manage", "/roles", "team.nav.roles", null),
			new Link("access", null, "/access", "team.nav.access", null),
			new Link("audit", "audit.read", "/audit", "team.nav.audit", null),
			new Link("billing", "billing.read", "/billing", "team.nav.billing", null),
			new Link("leave", null, "/leave", "team.nav.leave", null));

	/** Locales come from the request's {@code Accept-Language}: past this many kept, look the texts up each time. */
	private static final int MAX_LOCALES = 64;

	private final MessageSource messages;

	private final Map<Locale, Texts> texts = new ConcurrentHashMap<>();

	TeamNav(MessageSource messages) {
		this.messages = messages;
	}

	/**
	 * The links {@code privileges} open (none but the every-member links when null: a page drawn without the
	 * team gate), under {@code teamUrl} (the team's own link as {@code @{...}} built it), {@code active} marked
	 * as the current page.
	 */
	public List<Item> items(String teamUrl, Collection<?> privileges, String active) {
		List<String> labels = texts(LocaleContextHolder.getLocale()).labels();
		List<Item> items = new ArrayList<>(LINKS.size());
		int visible = visible(privileges);
		for (int i = 0; i < LINKS.size(); i++) {
			Link link = LINKS.get(i);
			if ((visible & (1 << i)) != 0) {
				items.add(new Item(teamUrl + link.path(), labels.get(i), link.key().equals(active) ? "page" : null,
						link.testId()));
			}
		}
		return items;
	}

	/** Which links {@code privileges} open, one bit per link in the navigation's order: the same bits, the same links. */
	int visible(Collection<?> privileges) {
		int visible = 0;
		for (int i = 0; i < LINKS.size(); i++) {
			String privilege = LINKS.get(i).privilege();
			if (privilege == null || (privileges != null && privileges.contains(privilege))) {
				visible |= 1 << i;
			}
		}
		return visible;
	}

	/** The heading and labels in {@code locale}. */
	Texts texts(Locale locale) {
		Texts kept = this.texts.get(locale);
		if (kept != null) {
			return kept;
		}
		Texts texts = new Texts(this.messages.getMessage("team.home.eyebrow", null, locale),
				LINKS.stream().map((link) -> this.messages.getMessage(link.message(), null, locale)).toList());
		if (this.texts.size() < MAX_LOCALES) {
			this.texts.putIfAbsent(locale, texts);
		}
		return texts;
	}

}
