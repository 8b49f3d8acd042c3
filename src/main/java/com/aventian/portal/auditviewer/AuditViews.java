package com.aventian.portal.auditviewer;

import java.io.IOException;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletResponse;

import com.aventian.portal.audit.AuditActions;
import com.aventian.portal.audit.AuditFilterForm;
import com.aventian.portal.audit.AuditPage;
import com.aventian.portal.audit.AuditScope;
import com.aventian.portal.audit.AuditTrail;
import com.aventian.portal.audit.ProductActions;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.server.ResponseStatusException;

/**
 * What the team's and the platform's viewers share: the filter checked, a keyset page, the links that keep
 * the filter (older page, CSV export), an event's detail. The controllers only choose the scope and the base path.
 */
@Component
class AuditViews {

	static final String EVENTS_VIEW = "audit/events";

	static final String LOGINS_VIEW = "audit/logins";

	static final String EVENT_VIEW = "audit/event";

	private final AuditTrail trail;

	private final ProductActions productActions;

	private final Clock clock;

	AuditViews(AuditTrail trail, ProductActions productActions, Clock clock) {
		this.trail = trail;
		this.productActions = productActions;
		this.clock = clock;
	}

	String events(AuditScope scope, AuditFilterForm form, String older, String base, Model model,
			HttpServletResponse response) {
		AuditFilterForm.Validated validated = form.validate(scope.isPlatform(), this.productActions::isKnown, this.clock);
		addForm(scope, form, validated, base, AuditActions.ALL, model);
		if (validated.isValid()) {
			AuditPage<?> page = this.trail.events(scope, validated.filter(), older);
			model.addAttribute("page", page);
			model.addAttribute("olderUrl", page.hasOlder() ? link(base, form, page.older()) : null);
			model.addAttribute("newestUrl", link(base, form, null));
			model.addAttribute("exportUrl", link(base + "/export.csv", form, null));
		}
		else {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
		}
		return EVENTS_VIEW;
	}

	String logins(AuditScope scope, AuditFilterForm form, String older, String base, Model model,
			HttpServletResponse response) {
		AuditFilterForm.Validated validated = form.validate(scope.isPlatform(), AuditActions.LOGIN_ACTIONS::contains,
				this.clock);
		addForm(scope, form, validated, base, AuditActions.LOGIN_ACTIONS, model);
		if (validated.isValid()) {
			AuditPage<?> page = this.trail.logins(scope, validated.filter(), older);
			model.addAttribute("page", page);
			model.addAttribute("olderUrl", page.hasOlder() ? link(base + "/logins", form, page.older()) : null);
			model.addAttribute("newestUrl", link(base + "/logins", form, null));
		}
		else {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
		}
		return LOGINS_VIEW;
	}

	String event(AuditScope scope, long eventId, String base, Model model) {
		model.addAttribute("detail", this.trail.event(scope, eventId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
		model.addAttribute("base", base);
		model.addAttribute("platform", scope.isPlatform());
		return EVENT_VIEW;
	}

	/** The filtered events as a CSV download, written while they are read; a bad filter is a 400 saying why. */
	void export(AuditScope scope, AuditFilterForm form, String fileName, HttpServletResponse response) throws IOException {
		AuditFilterForm.Validated validated = form.validate(scope.isPlatform(), this.productActions::isKnown, this.clock);
		if (!validated.isValid()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			response.setContentType("text/plain;charset=UTF-8");
			for (Map.Entry<String, String> error : validated.errors().entrySet()) {
				response.getWriter().println(error.getKey() + ": " + error.getValue());
			}
			return;
		}
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "-"
				+ LocalDate.now(this.clock.withZone(ZoneOffset.UTC)) + ".csv\"");
		response.setHeader("Cache-Control", "no-store");
		Writer out = response.getWriter();
		this.trail.exportEvents(scope, validated.filter(), out);
	}

	private static void addForm(AuditScope scope, AuditFilterForm form, AuditFilterForm.Validated validated, String base,
			List<String> actions, Model model) {
		model.addAttribute("errors", validated.errors());
		// a product's action (filtered by a link from an event, or typed) joins the list so the filter shows it
		String filtered = validated.isValid() ? validated.filter().action() : null;
		model.addAttribute("actions", (filtered == null || actions.contains(filtered)) ? actions
				: Stream.concat(actions.stream(), Stream.of(filtered)).toList());
		model.addAttribute("targets", AuditActions.TARGET_TYPES);
		model.addAttribute("platform", scope.isPlatform());
		model.addAttribute("base", base);
	}

	/**
	 * The path with the typed filter as query parameters (what was typed, so a link keeps it as it was), and
	 * the page's cursor; every value form-encoded, so a {@code +} in an e-mail stays a plus.
	 */
	private static String link(String path, AuditFilterForm form, String older) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("actor", form.actor());
		parameters.put("action", form.action());
		parameters.put("target", form.target());
		parameters.put("text", form.text());
		parameters.put("team", form.team());
		parameters.put("product", form.product());
		parameters.put("from", form.from());
		parameters.put("to", form.to());
		parameters.put("older", older);
		StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
		parameters.forEach((name, value) -> {
			if (value != null) {
				query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
			}
		});
		return path + query;
	}

}
