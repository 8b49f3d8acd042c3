package com.aventian.portal.auditviewer;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import com.aventian.portal.audit.AuditFilterForm;
import com.aventian.portal.audit.AuditScope;
import com.aventian.portal.shared.web.NotTeamScoped;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The whole audit trail, every team's and none, for platform admins (SecurityConfig: {@code /admin/**}). */
@Controller
@NotTeamScoped
class PlatformAuditController {

	static final String BASE = "/admin/audit";

	private final AuditViews views;

	PlatformAuditController(AuditViews views) {
		this.views = views;
	}

	@GetMapping(BASE)
	String events(@ModelAttribute("filter") AuditFilterForm form, @RequestParam(required = false) String older,
			Model model, HttpServletResponse response) {
		return this.views.events(AuditScope.platform(), form, older, BASE, model, response);
	}

	@GetMapping(BASE + "/logins")
	String logins(@ModelAttribute("filter") AuditFilterForm form, @RequestParam(required = false) String older,
			Model model, HttpServletResponse response) {
		return this.views.logins(AuditScope.platform(), form, older, BASE, model, response);
	}

	@GetMapping(BASE + "/events/{eventId}")
	String event(@PathVariable long eventId, Model model) {
		return this.views.event(AuditScope.platform(), eventId, BASE, model);
	}

	@GetMapping(BASE + "/export.csv")
	void export(@ModelAttribute("filter") AuditFilterForm form, HttpServletResponse response) throws IOException {
		this.views.export(AuditScope.platform(), form, "audit-all", response);
	}

}
