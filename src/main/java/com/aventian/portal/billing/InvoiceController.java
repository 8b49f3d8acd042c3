package com.aventian.portal.billing;

import java.net.URI;
import java.util.UUID;

import com.aventian.portal.account.PortalPrincipal;
import com.aventian.portal.shared.web.PublicUrl;
import com.aventian.portal.team.TeamPrivilege;
import com.aventian.portal.team.TeamService;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** An invoice of the team: a page that prints cleanly, its HTML download, and paying it online. */
@Controller
class InvoiceController {

	static final String VIEW = "billing/invoice";

	private final Invoices invoices;

	private final PaymentProvider provider;

	private final TeamService teams;

	private final PublicUrl urls;

	InvoiceController(Invoices invoices, PaymentProvider provider, TeamService teams, PublicUrl urls) {
		this.invoices = invoices;
		this.provider = provider;
		this.teams = teams;
		this.urls = urls;
	}

	@GetMapping("/teams/{teamId}/billing/invoices/{invoiceId}")
	@TeamPrivilege("billing.read")
	String invoice(@PathVariable UUID teamId, @PathVariable UUID invoiceId,
			@RequestParam(required = false) String download, Model model, HttpServletResponse response) {
		Invoice invoice = this.invoices.ofTeam(teamId, invoiceId);
		if (download != null) {
			response.setHeader("Content-Disposition", "attachment; filename=\"invoice-" + invoice.numberDisplay() + ".html\"");
		}
		model.addAttribute("team", this.teams.team(teamId));
		model.addAttribute("invoice", invoice);
		model.addAttribute("lines", this.invoices.lines(invoiceId));
		model.addAttribute("payOnline", !this.provider.name().equals("MANUAL"));
		model.addAttribute("payInstructions", this.provider.instructions());
		return VIEW;
	}

	@PostMapping("/teams/{teamId}/billing/invoices/{invoiceId}/pay")
	@TeamPrivilege("billing.manage")
	String pay(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@PathVariable UUID invoiceId, RedirectAttributes redirect) {
		Invoice invoice = this.invoices.ofTeam(teamId, invoiceId);
		String back = "/teams/" + teamId + "/billing/invoices/" + invoiceId;
		if (!invoice.isOpen()) {
			redirect.addFlashAttribute("flashError", "Invoice " + invoice.numberDisplay() + " has nothing left to pay.");
			return "redirect:" + back;
		}
		return this.provider.checkout(invoice, principal.email(), URI.create(this.urls.of(back)))
			.map((checkout) -> "redirect:" + checkout)
			.orElseGet(() -> {
				redirect.addFlashAttribute("flashSuccess", this.provider.instructions());
				return "redirect:" + back;
			});
	}

}
