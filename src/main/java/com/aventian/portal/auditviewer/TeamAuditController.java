package com.aventian.portal.auditviewer;

import java.io.IOException;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import com.aventian.portal.audit.AuditFilterForm;
import com.aventian.portal.audit.AuditScope;
import com.aventian.portal.team.TeamPrivilege;
import com.aventian.portal.team.TeamService;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** A team's audit log, for its members holding {@code audit.read}: only events and activity of this team. */
@Controller
class TeamAuditController {

	static final String PRIVILEGE = "audit.read";

	private final AuditViews views;

	private final TeamService teams;

	TeamAuditController(AuditViews views, TeamService teams) {
		this.views = views;
		this.teams = teams;
	}

	@GetMapping("/teams/{teamId}/audit")
	@TeamPrivilege(PRIVILEGE)
	String events(@PathVariable UUID teamId, @ModelAttribute("filter") AuditFilterForm form,
			@RequestParam(required = false) String older, Model model, HttpServletResponse response) {
		model.addAttribute("team", this.teams.team(teamId));
		return this.views.events(AuditScope.team(teamId), form, older, base(teamId), model, response);
	}

	@GetMapping("/teams/{teamId}/audit/logins")
	@TeamPrivilege(PRIVILEGE)
	String logins(@PathVariable UUID teamId, @ModelAttribute("filter") AuditFilterForm form,
			@RequestParam(required = false) String older, Model model, HttpServletResponse response) {
		model.addAttribute("team", this.teams.team(teamId));
		return this.views.logins(AuditScope.team(teamId), form, older, base(teamId), model, response);
	}

	@GetMapping("/teams/{teamId}/audit/events/{eventId}")
	@TeamPrivilege(PRIVILEGE)
	String event(@PathVariable UUID teamId, @PathVariable long eventId, Model model) {
		model.addAttribute("team", this.teams.team(teamId));
		return this.views.event(AuditScope.team(teamId), eventId, base(teamId), model);
	}

	@GetMapping("/teams/{teamId}/audit/export.csv")
	@TeamPrivilege(PRIVILEGE)
	void export(@PathVariable UUID teamId, @ModelAttribute("filter") AuditFilterForm form, HttpServletResponse response)
			throws IOException {
		this.views.export(AuditScope.team(teamId), form, "audit-" + teamId, response);
	}

	private static String base(UUID teamId) {
		return "/teams/" + teamId + "/audit";
	}

}
