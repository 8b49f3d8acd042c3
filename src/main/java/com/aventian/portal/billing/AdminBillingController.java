package com.aventian.portal.billing;

import java.util.Map;
import java.util.UUID;

import com.aventian.portal.account.PortalPrincipal;
import com.aventian.portal.shared.web.NotTeamScoped;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The platform admin's billing pages ({@code /admin/**}, platform admins only): plans and their versions,
 * invoices of every team, recording a transfer, voiding, credit notes.
 */
@Controller
@NotTeamScoped
class AdminBillingController {

	static final String PLANS_VIEW = "billing/admin-plans";

	static final String PLAN_VIEW = "billing/admin-plan";

	static final String INVOICES_VIEW = "billing/admin-invoices";

	static final String INVOICE_VIEW = "billing/admin-invoice";

	private final Plans plans;

	private final Invoices invoices;

	private final Payments payments;

	AdminBillingController(Plans plans, Invoices invoices, Payments payments) {
		this.plans = plans;
		this.invoices = invoices;
		this.payments = payments;
	}

	@GetMapping("/admin/plans")
	String plans(Model model) {
		return plansPage(model, PlanForm.empty(), Map.of());
	}

	@PostMapping("/admin/plans")
	String create(@AuthenticationPrincipal PortalPrincipal principal, PlanForm form, Model model,
			RedirectAttributes redirect) {
		try {
			Plan plan = this.plans.create(principal.userId(), principal.email(), form);
			redirect.addFlashAttribute("flashSuccess", "Plan " + plan.code() + " created.");
			return "redirect:/admin/plans";
		}
		catch (BillingInputException ex) {
			return plansPage(model, form, ex.problems());
		}
	}

	@GetMapping("/admin/plans/{planId}")
	String plan(@PathVariable UUID planId, Model model) {
		Plan plan = this.plans.plan(planId);
		return planPage(model, plan, PlanForm.of(plan), Map.of());
	}

	@PostMapping("/admin/plans/{planId}")
	String revise(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID planId, PlanForm form,
			Model model, RedirectAttributes redirect) {
		try {
			Plan saved = this.plans.revise(principal.userId(), principal.email(), planId, form);
			redirect.addFlashAttribute("flashSuccess", saved.id().equals(planId) ? "Plan " + saved.code() + " saved."
					: "Plan " + saved.code() + " has subscriptions: its new terms are version " + saved.version() + ".");
			return "redirect:/admin/plans/" + saved.id();
		}
		catch (BillingInputException ex) {
			return planPage(model, this.plans.plan(planId), form, ex.problems());
		}
	}

	@GetMapping("/admin/invoices")
	String invoices(@RequestParam(defaultValue = "OPEN") String status, Model model) {
		String shown = switch (status) {
			case "OPEN", "PAID", "VOID", "ISSUED" -> status;
			default -> null;
		};
		model.addAttribute("status", (shown != null) ? shown : "ALL");
		model.addAttribute("invoices", this.invoices.all(shown));
		return INVOICES_VIEW;
	}

	@GetMapping("/admin/invoices/{invoiceId}")
	String invoice(@PathVariable UUID invoiceId, Model model) {
		return invoicePage(invoiceId, model, null, Map.of(), Map.of());
	}

	@PostMapping("/admin/invoices/{invoiceId}/payments")
	String recordPayment(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID invoiceId,
			@RequestParam(defaultValue = "") String amount, @RequestParam(defaultValue = "") String reference, Model model,
			RedirectAttributes redirect) {
		try {
			this.payments.recordManual(principal.userId(), principal.email(), invoiceId, amount, reference);
		}
		catch (BillingInputException ex) {
			return invoicePage(invoiceId, model, "payment", Map.of("amount", amount, "reference", cut(reference)),
					ex.problems());
		}
		redirect.addFlashAttribute("flashSuccess", "The payment is recorded.");
		return "redirect:/admin/invoices/" + invoiceId;
	}

	@PostMapping("/admin/invoices/{invoiceId}/void")
	String voidInvoice(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID invoiceId, Model model,
			RedirectAttributes redirect) {
		try {
			this.invoices.voidInvoice(principal.userId(), principal.email(), invoiceId);
		}
		catch (BillingInputException ex) {
			return invoicePage(invoiceId, model, "void", Map.of(), ex.problems());
		}
		redirect.addFlashAttribute("flashSuccess", "The invoice is void.");
		return "redirect:/admin/invoices/" + invoiceId;
	}

	@PostMapping("/admin/invoices/{invoiceId}/credit-notes")
	String creditNote(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID invoiceId,
			@RequestParam(defaultValue = "") String amount, @RequestParam(defaultValue = "") String reason, Model model,
			RedirectAttributes redirect) {
		try {
			Invoice note = this.invoices.creditNote(principal.userId(), principal.email(), invoiceId, amount, reason);
			redirect.addFlashAttribute("flashSuccess", "Credit note " + note.numberDisplay() + " issued.");
			return "redirect:/admin/invoices/" + note.id();
		}
		catch (BillingInputException ex) {
			return invoicePage(invoiceId, model, "credit", Map.of("amount", amount, "reason", cut(reason)), ex.problems());
		}
	}

	private String plansPage(Model model, PlanForm form, Map<String, String> problems) {
		model.addAttribute("plans", this.plans.all());
		model.addAttribute("products", this.plans.products());
		model.addAttribute("form", form);
		model.addAttribute("problems", problems);
		return PLANS_VIEW;
	}

	private String planPage(Model model, Plan plan, PlanForm form, Map<String, String> problems) {
		model.addAttribute("plan", plan);
		model.addAttribute("form", form);
		model.addAttribute("problems", problems);
		return PLAN_VIEW;
	}

	private String invoicePage(UUID invoiceId, Model model, String failedForm, Map<String, String> typed,
			Map<String, String> problems) {
		model.addAttribute("invoice", this.invoices.invoice(invoiceId));
		model.addAttribute("lines", this.invoices.lines(invoiceId));
		model.addAttribute("failedForm", failedForm);
		model.addAttribute("typed", typed);
		model.addAttribute("problems", problems);
		return INVOICE_VIEW;
	}

	private static String cut(String typed) {
		return (typed.length() > 300) ? typed.substring(0, 300) : typed;
	}

}
