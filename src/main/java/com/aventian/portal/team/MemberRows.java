package com.aventian.portal.team;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;

import com.aventian.portal.rbac.GrantOfMember;
import com.aventian.portal.rbac.GrantsCells;
import com.aventian.portal.rbac.GrantsOfMember;
import com.aventian.portal.shared.web.Html;

import org.springframework.context.MessageSource;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The members table's rows, written in Java: the one copy of a row's markup, used for the page and the htmx list
 * (inside {@link MembersList}) and the row redrawn after a role change (sent as it is written). Drawn by Thymeleaf a
 * row ran about 50 attribute processors (the grants cell, the role form, the actions), about 115 µs of a members
 * page's 3.2 ms (issue 10, docs/PERFORMANCE.md); here a row is a few dozen appends. Every value that is not this
 * class's own constant goes through {@link Html}'s escaping, as {@code th:text} escaped it. What the rows share is
 * worked out once per locale (the labels, the date formats: {@link Texts}) or once per request (the links' prefix,
 * the CSRF field, the picker's options). No whitespace between a row's tags and no attribute a browser takes as given
 * ({@code type="submit"}): a list's bytes are copied, encoded, sent and read with every request, 2-6 µs of the
 * machine's CPU per KB (issue 10, {@code MembersRowBytesTests}).
 */
@Component
class MemberRows {

	/** Argument marker: {@code members.roleOf} is formatted once with it and split there. */
	private static final String ARGUMENT = "\u0000";

	/** Locales come from the request's {@code Accept-Language}: past this many kept, the texts are worked out each time. */
	private static final int MAX_LOCALES = 64;

	private final MessageSource messages;

	private final GrantsCells grantsCells;

	private final Map<Locale, Texts> texts = new ConcurrentHashMap<>();

	MemberRows(MessageSource messages, GrantsCells grantsCells) {
		this.messages = messages;
		this.grantsCells = grantsCells;
	}

	/**
	 * What the rows of every page in one locale share: the labels, {@code members.roleOf} split around its argument,
	 * the grants cell's labels and the two dates' writer ({@link RowDates}). Kept per locale, as {@link TeamNav}
	 * keeps its labels (the message source keeps its bundles for the application's life): worked out per page they
	 * were about 2% of a members page (eight lookups, two of them formatted, and two patterns parsed; issue 10).
	 */
	private record Texts(RowDates dates, String never, String changeRole,
			String remove, String you, String transfer, String roleOfBefore, String roleOfAfter,
			GrantsCells.Labels grantsLabels) {
	}

	private Texts texts(Locale locale) {
		Texts kept = this.texts.get(locale);
		if (kept != null) {
			return kept;
		}
		String roleOf = this.messages.getMessage("members.roleOf", new Object[] { ARGUMENT }, locale);
		int at = roleOf.indexOf(ARGUMENT);
		Texts texts = new Texts(new RowDates(locale), message("members.never", locale),
				message("members.changeRole", locale), message("members.remove", locale),
				message("members.you", locale), message("members.transfer", locale), roleOf.substring(0, at),
				roleOf.substring(at + ARGUMENT.length()), this.grantsCells.labels(locale));
		if (this.texts.size() < MAX_LOCALES) {
			this.texts.putIfAbsent(locale, texts);
		}
		return texts;
	}

	private String message(String code, Locale locale) {
		return this.messages.getMessage(code, null, locale);
	}

	/** What the page offers the viewer, the same for every row. */
	record Viewer(String userId, List<TeamRole> roles, boolean canAssign, boolean canRemove, boolean canTransfer) {

		/** The viewer of a team page, from what the gate put on the request, offering {@code givableRoles}. */
		static Viewer of(HttpServletRequest request, List<TeamRole> givableRoles) {
			return new Viewer(request.getUserPrincipal().getName(), givableRoles,
					TeamController.holds(request, "members.roles.assign"), TeamController.holds(request, "members.remove"),
					TeamController.holds(request, MembershipService.OWNER_PRIVILEGE));
		}

	}

	/**
	 * The rows of a page or of the htmx list, written into the list ({@link MembersList}), every form with
	 * {@code csrfField} ({@link #csrfField}, or the mark a kept list replaces with the requesting session's field).
	 */
	void write(Html out, List<MemberRow> members, UUID teamId, Viewer viewer, HttpServletRequest request,
			String csrfField) {
		Page page = new Page(teamId, viewer, request, csrfField);
		for (MemberRow member : members) {
			page.write(out, member, null, null);
		}
	}

	/** One row redrawn after a change made from it, with the outcome (either may be null). */
	String html(MemberRow member, UUID teamId, Viewer viewer, HttpServletRequest request, String message, String error) {
		Html out = new Html(4096);
		new Page(teamId, viewer, request, csrfField(request)).write(out, member, message, error);
		return out.toString();
	}

	/** The CSRF field every form of a row carries, as Thymeleaf's {@code th:action} added it; empty without a token. */
	static String csrfField(HttpServletRequest request) {
		CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
		return (token != null) ? new Html(128).markup("<input type=\"hidden\"")
			.attr("name", token.getParameterName()).attr("value", token.getToken()).markup("/>").toString() : "";
	}

	/** What one request's rows share. */
	private final class Page {

		private final String prefix;

		private final Viewer viewer;

		private final RowDates dates;

		private final ZoneId zone = ZoneId.systemDefault();

		private final Texts texts;

		private final String csrfField;

		/** The picker's options, the same in every row but for the one selected. */
		private final List<Option> options;

		Page(UUID teamId, Viewer viewer, HttpServletRequest request, String csrfField) {
			// the links @{...} wrote: context path, then path segments that need no encoding (UUIDs)
			this.prefix = request.getContextPath() + "/teams/" + teamId + "/members/";
			this.viewer = viewer;
			Texts texts = texts(RequestContextUtils.getLocale(request));
			this.dates = texts.dates();
			this.texts = texts;
			this.csrfField = csrfField;
			this.options = viewer.canAssign() ? viewer.roles().stream().map(Option::of).toList() : List.of();
		}

		void write(Html out, MemberRow member, String message, String error) {
			String userId = member.userId().toString();
			String url = this.prefix + userId;
			boolean you = this.viewer.userId().equals(userId);
			out.markup("<tr").attr("id", "member-" + userId).markup(" data-testid=\"member-row\"").attr("data-email", member.email())
				.markup("><td data-testid=\"member-name\">").text(member.displayName()).markup("</td><td>")
				.text(member.email()).markup("</td><td>");
			// the picker offers only roles the viewer may give; a row whose role is above them shows it as text
			if (this.viewer.canAssign() && offers(member.roleId())) {
				writePicker(out, member, url + "/role", userId);
			}
			else {
				out.markup("<span data-testid=\"member-roles\">").text(member.roleNames()).markup("</span>");
			}
			if (message != null) {
				out.markup("<p class=\"row-message\" role=\"status\">").text(message).markup("</p>");
			}
			if (error != null) {
				out.markup("<p class=\"field-error\" role=\"alert\">").text(error).markup("</p>");
			}
			out.markup("</td><td>");
			List<GrantOfMember> grants = (member.grants() != null) ? member.grants().grants() : GrantsOfMember.NONE.grants();
			boolean grantsChangeable = this.viewer.canAssign() && !you;
			MemberRows.this.grantsCells.write(out,
					MemberRows.this.grantsCells.cell(member.userId(), grantsChangeable ? url + "/grants" : null, grants,
							this.texts.grantsLabels()),
					null, null);
			out.markup("</td><td>").text((member.joinedAt() != null) ? this.dates.joined(member.joinedAt(), this.zone) : null)
				.markup("</td><td>")
				.text((member.lastActiveAt() != null) ? this.dates.lastActive(member.lastActiveAt(), this.zone)
						: this.texts.never())
				.markup("</td><td class=\"actions\">");
			if (this.viewer.canRemove() && !you) {
				out.markup("<a").attr("href", url + "/remove").markup(">").text(this.texts.remove()).markup("</a>");
			}
			if (you) {
				out.markup("<span class=\"muted\">").text(this.texts.you()).markup("</span>");
			}
			if (this.viewer.canTransfer() && !member.owner()) {
				out.markup("<form class=\"inline-form\"").attr("action", url + "/ownership").markup(" method=\"post\">")
					.markup(this.csrfField).markup("<button class=\"link-button\">").text(this.texts.transfer())
					.markup("</button></form>");
			}
			out.markup("</td></tr>\n");
		}

		/** The role form: the roles the viewer may give, the member's own selected. */
		private void writePicker(Html out, MemberRow member, String roleUrl, String userId) {
			String selectId = "role-" + userId;
			out.markup("<form class=\"inline-form\"").attr("action", roleUrl).markup(" method=\"post\"")
				.attr("data-hx-post", roleUrl).markup(" data-hx-target=\"closest tr\" data-hx-swap=\"outerHTML\">")
				.markup(this.csrfField).markup("<input type=\"hidden\" name=\"version\"").attr("value", member.version())
				.markup("><label class=\"visually-hidden\"").attr("for", selectId).markup(">").text(this.texts.roleOfBefore())
				.text(member.displayName()).text(this.texts.roleOfAfter()).markup("</label><select name=\"roleId\"")
				.attr("id", selectId).markup(">");
			for (Option option : this.options) {
				out.markup(option.start());
				if (option.roleId().equals(member.roleId())) {
					out.markup(" selected=\"selected\"");
				}
				out.markup(option.end());
			}
			out.markup("</select><button class=\"button small\">").text(this.texts.changeRole()).markup("</button></form>");
		}

		/**
		 * A role's option, written once per request in the two pieces around its {@code selected} (escaped by
		 * {@link Html} like every value): per row they were a UUID's text and the name's escaping for each role
		 * offered, over a hundred times per page of 20 rows.
		 */
		private record Option(UUID roleId, String start, String end) {

			static Option of(TeamRole role) {
				return new Option(role.id(), new Html(64).markup("<option").attr("value", role.id()).toString(),
						new Html(64).markup(">").text(role.name()).markup("</option>").toString());
			}

		}

		private boolean offers(UUID roleId) {
			for (TeamRole role : this.viewer.roles()) {
				if (role.id().equals(roleId)) {
					return true;
				}
			}
			return false;
		}

	}

}
