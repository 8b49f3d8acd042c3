package com.aventian.portal.account;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpSession;

import com.aventian.portal.audit.AuditEntry;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.shared.web.NotTeamScoped;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.session.Session;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "Your sessions": every signed-in browser of the person, and signing any of them out. */
@Controller
@NotTeamScoped
class SessionsController {

	static final String VIEW = "account/sessions";

	private final SessionControl sessionControl;

	private final AuditLog audit;

	private final TransactionTemplate transaction;

	private final SessionHandles handles;

	SessionsController(SessionControl sessionControl, AuditLog audit, TransactionTemplate transaction,
			SessionHandles handles) {
		this.sessionControl = sessionControl;
		this.audit = audit;
		this.transaction = transaction;
		this.handles = handles;
	}

	@GetMapping("/account/sessions")
	String sessions(@AuthenticationPrincipal PortalPrincipal principal, HttpSession current, Model model) {
		List<SessionRow> rows = this.sessionControl.sessionsOf(principal.userId())
			.values()
			.stream()
			.map((session) -> rowOf(session, current.getId(), this.handles.handleOf(session.getId())))
			.sorted(Comparator.comparing(SessionRow::current).reversed().thenComparing(SessionRow::lastActive, Comparator.reverseOrder()))
			.toList();
		model.addAttribute("sessions", rows);
		return VIEW;
	}

	@PostMapping("/account/sessions/{handle}/end")
	String end(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable String handle, HttpSession current,
			RedirectAttributes redirect) {
		// someone else's session, a forged handle, or one that ended already: not theirs to see
		String sessionId = this.handles.resolve(handle, this.sessionControl.sessionsOf(principal.userId()))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		if (sessionId.equals(current.getId())) {
			return "redirect:/account/sessions";
		}
		this.sessionControl.end(sessionId);
		audited(principal, Map.of("ended", 1));
		redirect.addFlashAttribute("flashSuccess", "That session is signed out.");
		return "redirect:/account/sessions";
	}

	@PostMapping("/account/sessions/end-others")
	String endOthers(@AuthenticationPrincipal PortalPrincipal principal, HttpSession current, RedirectAttributes redirect) {
		int ended = this.sessionControl.endOthers(principal.userId(), current.getId());
		audited(principal, Map.of("ended", ended, "everywhereElse", true));
		redirect.addFlashAttribute("flashSuccess", ended == 0 ? "No other session was signed in."
				: "Signed out " + ended + (ended == 1 ? " other session." : " other sessions."));
		return "redirect:/account/sessions";
	}

	private void audited(PortalPrincipal principal, Map<String, ?> details) {
		this.transaction.executeWithoutResult((status) -> this.audit.record(
				AuditEntry.of(principal.userId(), principal.email(), "SESSION_ENDED", "user", principal.userId())
					.withDetails(details)));
	}

	private static SessionRow rowOf(Session session, String currentId, String handle) {
		String agent = session.getAttribute(SessionDetails.USER_AGENT);
		String ip = session.getAttribute(SessionDetails.IP);
		String signedInAt = session.getAttribute(SessionDetails.SIGNED_IN_AT);
		return new SessionRow(handle, SessionDetails.describe(agent), ip == null ? "" : ip,
				signedInAt == null ? session.getCreationTime() : Instant.parse(signedInAt), session.getLastAccessedTime(),
				session.getId().equals(currentId));
	}

	/** A session as listed: its handle, never its id. */
	record SessionRow(String handle, String device, String ip, Instant signedInAt, Instant lastActive, boolean current) {
	}

}
