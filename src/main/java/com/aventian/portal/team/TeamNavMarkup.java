package com.aventian.portal.team;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import org.unbescape.html.HtmlEscape;

/**
 * A team's navigation as the page receives it ({@code ${teamNav.html(team.id, '<page>')}}): the markup of the template
 * {@code team/nav}, drawn by Thymeleaf once per set of visible links, current page and locale,
 * and kept with a marker where the team's link goes; each page puts its team's link in. Drawing the fragment per page
 * was about 50 processor runs, a tenth of team home's CPU (issue 10). Which links show is still decided per request
 * from the member's privileges of that request ({@link TeamNav}), so a role change shows on the very next page.
 */
@Component("teamNavMarkup")
public class TeamNavMarkup {

	private static final String TEMPLATE = "team/nav";

	/** The template's {@code <nav>} element alone, as a {@code th:replace} inserted it, without the text around it. */
	private static final Set<String> NAV_ELEMENT = Set.of("nav");

	/**
	 * Stands for the team's link in the kept markup. Escaping leaves it as it is (no {@code & < > " '}), and neither
	 * the labels (the portal's messages) nor the link paths contain it.
	 */
	private static final String TEAM_URL = "{teamUrl}";

	/** Locales come from the request's {@code Accept-Language}: past this many kept drawings, draw without keeping. */
	private static final int MAX_KEPT = 512;

	/** By the locale's texts, not the locale: made-up {@code Accept-Language}s all get the same texts and one drawing. */
	private record Key(TeamNav.Texts texts, int visible, String active) {
	}

	private final TeamNav nav;

	private final ITemplateEngine templates;

	private final Map<Key, List<String>> kept = new ConcurrentHashMap<>();

	TeamNavMarkup(TeamNav nav, ITemplateEngine templates) {
		this.nav = nav;
		this.templates = templates;
	}

	/**
	 * The navigation for the team at {@code teamUrl} (as {@code @{...}} built it), for a member holding
	 * {@code privileges} (the gate's collection of privilege names; null: a page drawn without the team gate),
	 * {@code active} marked as the current page. The link is escaped as {@code th:href} escapes an attribute.
	 * {@code privileges} is typed {@code Object}: SpEL converts each argument to its parameter's type, and for a
	 * {@code Collection<String>} that meant converting every privilege name on every page (2.5% of team home).
	 */
	public String html(String teamUrl, Object privileges, String active) {
		Collection<?> held = (privileges instanceof Collection<?> collection) ? collection : null;
		Key key = new Key(this.nav.texts(LocaleContextHolder.getLocale()), this.nav.visible(held), active);
		List<String> pieces = this.kept.get(key);
		if (pieces == null) {
			pieces = cut(draw(key, held, active));
			if (this.kept.size() < MAX_KEPT) {
				this.kept.putIfAbsent(key, pieces);
			}
		}
		return join(pieces, HtmlEscape.escapeHtml4Xml(teamUrl));
	}

	/**
	 * The markup cut at its team links, kept so that each page joins the pieces around its link: a {@code replace} over
	 * the whole markup searched it for the marker on every page (0.8% of team home, issue 10).
	 */
	private static List<String> cut(String markup) {
		List<String> pieces = new ArrayList<>();
		int from = 0;
		for (int at = markup.indexOf(TEAM_URL); at >= 0; at = markup.indexOf(TEAM_URL, from)) {
			pieces.add(markup.substring(from, at));
			from = at + TEAM_URL.length();
		}
		pieces.add(markup.substring(from));
		return List.copyOf(pieces);
	}

	private static String join(List<String> pieces, String teamUrl) {
		int length = pieces.size() * teamUrl.length();
		for (String piece : pieces) {
			length += piece.length();
		}
		StringBuilder out = new StringBuilder(length);
		out.append(pieces.get(0));
		for (int i = 1; i < pieces.size(); i++) {
			out.append(teamUrl).append(pieces.get(i));
		}
		return out.toString();
	}

	/**
	 * The navigation as pages ask for it, {@code ${teamNav.html(team.id, active)}}: a model value of the request
	 * ({@link SwitcherAttributes}) holding the member's privileges, so a page makes one plain method call on it, which
	 * SpEL compiles, instead of a bean reference resolved and called by reflection and a link expression built per
	 * page (about 2.5% of team home, issue 10).
	 */
	public Nav forRequest(String contextPath, Object privileges) {
		return new Nav(contextPath, privileges);
	}

	/** One request's navigation: its context path and the privileges the gate read for it. */
	public final class Nav {

		private final String contextPath;

		private final Object privileges;

		Nav(String contextPath, Object privileges) {
			this.contextPath = contextPath;
			this.privileges = privileges;
		}

		/** The navigation of the team {@code teamId} (the page's team), {@code active} its current page. */
		public String html(Object teamId, String active) {
			return TeamNavMarkup.this.html(this.contextPath + "/teams/" + teamId, this.privileges, active);
		}

	}

	private String draw(Key key, Collection<?> privileges, String active) {
		List<TeamNav.Item> items = this.nav.items(TEAM_URL, privileges, active);
		// the texts come in as variables (the items' labels, the heading): the drawing depends on its key alone
		return this.templates.process(TEMPLATE, NAV_ELEMENT,
				new Context(Locale.ROOT, Map.of("items", items, "heading", key.texts().heading())));
	}

}
