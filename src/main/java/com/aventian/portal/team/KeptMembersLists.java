package com.aventian.portal.team;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import com.aventian.portal.rbac.EffectivePrivileges;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The members list for the page and the htmx list, kept ({@link MembersListCache}) and served again while the team's
 * list is at the same version (V32): a kept list costs one small statement, the version, instead of the page's rows
 * (about half a millisecond of PostgreSQL and as much of the portal for 20 rows, issue 10). A list not kept is read
 * by the page's statement, which reads the version with the rows (one snapshot), and kept under that version; a page
 * read by more than one statement (past the end) or without rows is kept under the version read first, which the
 * rows are at least as new as: a list newer than its version is only ever served to a request that read that version
 * (one that read the version before the change committed, for which either answer is right), since a version, once
 * moved, is never read again.
 * <p>
 * A member's last activity does not move the version (V32): {@link TeamActivity} writes it at most once an
 * {@link TeamActivity#INTERVAL} per member, which in a busy team would throw every kept list away within seconds. A
 * kept list is served at most that interval after its rows were read (the portal's {@link Clock}), so a last-active
 * time it shows is at most one interval older than the database's, the same bound TeamActivity already accepts for
 * the database's against the member's real last request.
 */
@Component
class KeptMembersLists {

	private final MembershipService memberships;

	private final MembersList list;

	private final MembersListCache cache;

	private final Clock clock;

	KeptMembersLists(MembershipService memberships, MembersList list, MembersListCache cache, Clock clock) {
		this.memberships = memberships;
		this.list = list;
		this.cache = cache;
		this.clock = clock;
	}

	/**
	 * The list as shown, joined by the request's CSRF field, and the search it shows (stripped and shortened as the page
	 * uses it).
	 */
	record Listed(String query, KeptList.ForRequest list) {
	}

	/** The list of the team's members the viewer (the gate's, on the request) asked for. */
	Listed list(UUID teamId, String q, String page, HttpServletRequest request) {
		String query = MembershipService.cleanedQuery(q);
		int asked = MembershipService.pageNumber(pageNumber(page));
		// before any statement: the rows read below are at least this new
		Instant now = this.clock.instant();
		Optional<MemberListVersion> seen = this.memberships.memberListVersion(teamId);
		if (seen.isEmpty()) {
			// deleted since the gate let the request in: written for it, not kept
			return new Listed(query, read(teamId, query, asked, request).list().with(MemberRows.csrfField(request)));
		}
		if (query.isEmpty()) {
			// a page past the end is the last page: one key for both, and no second statement for it
			asked = Math.min(asked, seen.get().lastPage(MembershipService.PAGE_SIZE));
		}
		MembersListCache.Key key = key(teamId, seen.get().version(), query, asked, request);
		KeptList kept = this.cache.get(key, now.minus(TeamActivity.INTERVAL));
		if (kept == null) {
			Read read = read(teamId, query, asked, request);
			kept = read.list();
			this.cache.put(key.at((read.version() != null) ? read.version() : seen.get().version()), kept, now);
		}
		return new Listed(query, kept.with(MemberRows.csrfField(request)));
	}

	private record Read(KeptList list, Long version) {
	}

	/** The page read and written, its CSRF field marked; with the version its rows were read at, if one statement. */
	private Read read(UUID teamId, String query, int page, HttpServletRequest request) {
		boolean canAssign = TeamController.holds(request, "members.roles.assign");
		EffectivePrivileges viewer = (EffectivePrivileges) request.getAttribute(TeamScopeInterceptor.EFFECTIVE);
		MembersPage members = this.memberships.members(teamId, query, page, canAssign ? viewer : null);
		String html = this.list.html(members, teamId, MemberRows.Viewer.of(request, members.givableRoles()), request,
				KeptList.CSRF_MARK);
		return new Read(KeptList.of(html), members.listVersion());
	}

	@SuppressWarnings("unchecked")
	private static MembersListCache.Key key(UUID teamId, long version, String query, int page,
			HttpServletRequest request) {
		Set<String> privileges = (Set<String>) request.getAttribute(TeamScopeInterceptor.PRIVILEGES);
		return new MembersListCache.Key(teamId, version, query, page, RequestContextUtils.getLocale(request),
				request.getContextPath(), request.getUserPrincipal().getName(), (privileges != null) ? privileges : Set.of());
	}

	private static int pageNumber(String page) {
		try {
			return Integer.parseInt(page.strip());
		}
		catch (NumberFormatException ex) {
			return 1;
		}
	}

}
