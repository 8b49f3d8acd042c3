package com.aventian.portal.team;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import com.aventian.portal.rbac.GrantOfMember;
import com.aventian.portal.rbac.GrantsCells;
import com.aventian.portal.rbac.GrantsOfMember;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Builds the members table's rows ({@link MemberLine}) once per request: the links from one prefix, the
 * viewer's rights per row, the dates formatted as the template formatted them ({@code #temporals.format}
 * with the request's locale and the JVM's zone), the picker's label from the messages, and the picker's
 * options: the template draws them once per page ({@code team/members :: role-options}, escaped as every
 * {@code th:text}) and each row gets that markup with only its own role marked {@code selected} (five options
 * of four processors each per row were, with the grants list, a sixth of the page's CPU, issue 10).
 */
@Component
class MemberLines {

	private static final String JOINED = "d MMM yyyy";

	private static final String LAST_ACTIVE = "d MMM yyyy HH:mm";

	private static final String OPTIONS_TEMPLATE = "team/members";

	private static final String OPTIONS_FRAGMENT = "role-options";

	private final MessageSource messages;

	private final ITemplateEngine templates;

	private final GrantsCells grantsCells;

	MemberLines(MessageSource messages, ITemplateEngine templates, GrantsCells grantsCells) {
		this.messages = messages;
		this.templates = templates;
		this.grantsCells = grantsCells;
	}

	/** What the page offers the viewer, the same for every row. */
	record Viewer(String userId, List<TeamRole> roles, boolean canAssign, boolean canRemove, boolean canTransfer) {
	}

	List<MemberLine> of(List<MemberRow> members, UUID teamId, Viewer viewer, HttpServletRequest request) {
		Rows rows = new Rows(teamId, viewer, request);
		return members.stream().map(rows::line).toList();
	}

	MemberLine of(MemberRow member, UUID teamId, Viewer viewer, HttpServletRequest request) {
		return new Rows(teamId, viewer, request).line(member);
	}

	/** What one request's rows share: the link prefix, the formatters and the roles the picker offers. */
	private final class Rows {

		private final String prefix;

		private final Viewer viewer;

		private final Locale locale;

		private final DateTimeFormatter joined;

		private final DateTimeFormatter lastActive;

		private final String never;

		private final MemberLine.Labels labels;

		private final GrantsCells.Labels grantsLabels;

		/** The picker's options as the template drew them, none selected; drawn for the first row with a picker. */
		private String options;

		Rows(UUID teamId, Viewer viewer, HttpServletRequest request) {
			// the links @{...} wrote: context path, then path segments that need no encoding (UUIDs)
			this.prefix = request.getContextPath() + "/teams/" + teamId + "/members/";
			this.viewer = viewer;
			this.locale = RequestContextUtils.getLocale(request);
			ZoneId zone = ZoneId.systemDefault();
			this.joined = DateTimeFormatter.ofPattern(JOINED, this.locale).withZone(zone);
			this.lastActive = DateTimeFormatter.ofPattern(LAST_ACTIVE, this.locale).withZone(zone);
			this.never = message("members.never");
			this.labels = new MemberLine.Labels(message("members.changeRole"), message("members.remove"),
					message("members.you"), message("members.transfer"));
			this.grantsLabels = MemberLines.this.grantsCells.labels(this.locale);
		}

		private String message(String code) {
			return MemberLines.this.messages.getMessage(code, null, this.locale);
		}

		MemberLine line(MemberRow member) {
			String userId = member.userId().toString();
			String url = this.prefix + userId;
			boolean you = this.viewer.userId().equals(userId);
			// the picker offers only roles the viewer may give; a row whose role is above them shows it as text
			boolean picker = this.viewer.canAssign() && offers(member.roleId());
			List<GrantOfMember> grants = (member.grants() != null) ? member.grants().grants() : GrantsOfMember.NONE.grants();
			boolean grantsChangeable = this.viewer.canAssign() && !you;
			return new MemberLine(member, "member-" + userId, "role-" + userId, picker,
					picker ? MemberLines.this.messages.getMessage("members.roleOf", new Object[] { member.displayName() }, this.locale) : null,
					picker ? optionsSelecting(member.roleId()) : null, url + "/role", url + "/remove", url + "/ownership",
					you, this.viewer.canRemove() && !you, this.viewer.canTransfer() && !member.owner(),
					MemberLines.this.grantsCells.cell(member.userId(), grantsChangeable ? url + "/grants" : null, grants,
							this.grantsLabels, this.locale),
					(member.joinedAt() != null) ? this.joined.format(member.joinedAt()) : null,
					(member.lastActiveAt() != null) ? this.lastActive.format(member.lastActiveAt()) : this.never,
					this.labels);
		}

		/** The page's options with the row's role marked as {@code th:selected} marks it. */
		private String optionsSelecting(UUID roleId) {
			if (this.options == null) {
				this.options = MemberLines.this.templates.process(OPTIONS_TEMPLATE, Set.of(OPTIONS_FRAGMENT),
						new Context(this.locale, Map.of("roles", this.viewer.roles())));
			}
			// the fragment writes value="<id>" first; a UUID's text needs no escaping
			String option = "<option value=\"" + roleId + "\"";
			int at = this.options.indexOf(option);
			if (at < 0) {
				throw new IllegalStateException("The role picker's options lack the member's role " + roleId);
			}
			int end = at + option.length();
			return this.options.substring(0, end) + " selected=\"selected\"" + this.options.substring(end);
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
