package com.aventian.portal.billing;

import java.time.ZoneId;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import com.aventian.portal.account.PortalPrincipal;
import com.aventian.portal.team.TeamPrivilege;
import com.aventian.portal.team.TeamService;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A team's billing page: subscriptions, invoices, billing details; the forms of a billing manager. A refused
 * form comes back on the page with its message and what was typed.
 */
@Controller
class BillingController {

	static final String VIEW = "billing/team-billing";

	private static final java.util.SortedSet<String> ZONES = new TreeSet<>(ZoneId.getAvailableZoneIds());

	private final BillingSubscriptions subscriptions;

	private final Invoices invoices;

	private final Plans plans;

	private final TeamService teams;

	/**
	 * The page's subscriptions, invoices and billing details are read from one snapshot: read one by one, a
	 * renewal committing between them showed its invoice beside the trial it ended.
	 */
	private final TransactionTemplate snapshot;

	BillingController(BillingSubscriptions subscriptions, Invoices invoices, Plans plans, TeamService teams,
			PlatformTransactionManager transactions) {
		this.subscriptions = subscriptions;
		this.invoices = invoices;
		this.plans = plans;
		this.teams = teams;
		this.snapshot = new TransactionTemplate(transactions);
		this.snapshot.setReadOnly(true);
		this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
	}

	@GetMapping("/teams/{teamId}/billing")
	@TeamPrivilege("billing.read")
	String page(@PathVariable UUID teamId, Model model) {
		return page(teamId, model, null, Map.of(), null);
	}

	@PostMapping("/teams/{teamId}/billing/subscriptions")
	@TeamPrivilege("billing.manage")
	String subscribe(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@RequestParam(defaultValue = "") String planId, @RequestParam(defaultValue = "") String seats, Model model,
			RedirectAttributes redirect) {
		try {
			this.subscriptions.subscribe(principal.userId(), principal.email(), teamId, planId, seats);
		}
		catch (BillingInputException ex) {
			return page(teamId, model, "subscribe", Map.of("planId", planId, "seats", seats), ex);
		}
		redirect.addFlashAttribute("flashSuccess", "The team is subscribed.");
		return "redirect:/teams/" + teamId + "/billing";
	}

	@PostMapping("/teams/{teamId}/billing/subscriptions/{assocId}/plan")
	@TeamPrivilege("billing.manage")
	String changePlan(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@PathVariable UUID assocId, @RequestParam(defaultValue = "") String planId, Model model,
			RedirectAttributes redirect) {
		try {
			this.subscriptions.changePlan(principal.userId(), principal.email(), teamId, assocId, planId);
		}
		catch (BillingInputException ex) {
			return page(teamId, model, "plan-" + assocId, Map.of("planId", planId), ex);
		}
		redirect.addFlashAttribute("flashSuccess", "The plan is changed.");
		return "redirect:/teams/" + teamId + "/billing";
	}

	@PostMapping("/teams/{teamId}/billing/subscriptions/{assocId}/seats")
	@TeamPrivilege("billing.manage")
	String changeSeats(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@PathVariable UUID assocId, @RequestParam(defaultValue = "") String seats, Model model,
			RedirectAttributes redirect) {
		try {
			this.subscriptions.changeSeats(principal.userId(), principal.email(), teamId, assocId, seats);
		}
		catch (BillingInputException ex) {
			return page(teamId, model, "seats-" + assocId, Map.of("seats", seats), ex);
		}
		redirect.addFlashAttribute("flashSuccess", "The seats are changed.");
		return "redirect:/teams/" + teamId + "/billing";
	}

	@PostMapping("/teams/{teamId}/billing/subscriptions/{assocId}/cancel")
	@TeamPrivilege("billing.manage")
	String cancel(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@PathVariable UUID assocId, Model model, RedirectAttributes redirect) {
		try {
			this.subscriptions.cancelAtPeriodEnd(principal.userId(), principal.email(), teamId, assocId);
		}
		catch (BillingInputException ex) {
			return page(teamId, model, "sub-" + assocId, Map.of(), ex);
		}
		redirect.addFlashAttribute("flashSuccess", "The subscription ends with the current period.");
		return "redirect:/teams/" + teamId + "/billing";
	}

	@PostMapping("/teams/{teamId}/billing/subscriptions/{assocId}/resume")
	@TeamPrivilege("billing.manage")
	String resume(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@PathVariable UUID assocId, Model model, RedirectAttributes redirect) {
		try {
			this.subscriptions.resume(principal.userId(), principal.email(), teamId, assocId);
		}
		catch (BillingInputException ex) {
			return page(teamId, model, "sub-" + assocId, Map.of(), ex);
		}
		redirect.addFlashAttribute("flashSuccess", "The subscription continues.");
		return "redirect:/teams/" + teamId + "/billing";
	}

	@PostMapping("/teams/{teamId}/billing/details")
	@TeamPrivilege("billing.manage")
	String details(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@RequestParam(defaultValue = "") String billingEmail, @RequestParam(defaultValue = "") String address,
			@RequestParam(defaultValue = "UTC") String timeZone, Model model, RedirectAttributes redirect) {
		try {
			this.subscriptions.updateTeamBilling(principal.userId(), principal.email(), teamId, billingEmail, address,
					timeZone);
		}
		catch (BillingInputException ex) {
			return page(teamId, model, "details",
					Map.of("billingEmail", cut(billingEmail), "address", cut(address), "timeZone", cut(timeZone)), ex);
		}
		redirect.addFlashAttribute("flashSuccess", "The billing details are saved.");
		return "redirect:/teams/" + teamId + "/billing";
	}

	private String page(UUID teamId, Model model, String failedForm, Map<String, String> typed, BillingInputException error) {
		model.addAttribute("team", this.teams.team(teamId));
		this.snapshot.executeWithoutResult((tx) -> {
			model.addAttribute("subscriptions", this.subscriptions.ofTeam(teamId));
			model.addAttribute("invoices", this.invoices.ofTeam(teamId));
			model.addAttribute("billing", this.subscriptions.billingOf(teamId));
		});
		model.addAttribute("plans", this.plans.offered());
		model.addAttribute("zones", ZONES);
		model.addAttribute("failedForm", failedForm);
		model.addAttribute("typed", typed);
		model.addAttribute("problems", (error != null) ? error.problems() : Map.of());
		return VIEW;
	}

	private static String cut(String typed) {
		return (typed.length() > 600) ? typed.substring(0, 600) : typed;
	}

}
