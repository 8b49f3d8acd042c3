package com.aventian.portal.provisioning;

import java.util.UUID;

import com.aventian.portal.account.PortalPrincipal;
import com.aventian.portal.team.MembershipService.Actor;
import com.aventian.portal.team.TeamPrivilege;
import com.aventian.portal.team.TeamService;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The team's products page: the catalogue of active products with the team's subscriptions, their
 * provisioning progress (the card polls itself with htmx while provisioning), the reason of a failure with
 * a retry, the dashboard link once active, and cancelling after a confirmation. Never a credential.
 */
@Controller
class ProductsController {

	static final String VIEW = "provisioning/products";

	static final String CARD = "provisioning/products :: card";

	static final String CANCEL_VIEW = "provisioning/cancel";

	private final Subscriptions subscriptions;

	private final TeamService teams;

	ProductsController(Subscriptions subscriptions, TeamService teams) {
		this.subscriptions = subscriptions;
		this.teams = teams;
	}

	@GetMapping("/teams/{teamId}/products")
	@TeamPrivilege("team.read")
	String page(@PathVariable UUID teamId, Model model) {
		model.addAttribute("team", this.teams.team(teamId));
		model.addAttribute("entries", this.subscriptions.catalogue(teamId));
		return VIEW;
	}

	/** One product's card, polled while it provisions; once settled it no longer asks to be polled. */
	@HxRequest
	@GetMapping("/teams/{teamId}/subscriptions/{subscriptionId}")
	@TeamPrivilege("team.read")
	String card(@PathVariable UUID teamId, @PathVariable UUID subscriptionId, Model model) {
		model.addAttribute("team", this.teams.team(teamId));
		model.addAttribute("entry", this.subscriptions.subscription(teamId, subscriptionId));
		return CARD;
	}

	/** The product comes as a form field: products are the platform's catalogue, not objects of the team. */
	@PostMapping("/teams/{teamId}/products/subscribe")
	@TeamPrivilege("products.subscribe")
	String subscribe(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@RequestParam UUID productId, RedirectAttributes redirect) {
		try {
			CatalogueEntry entry = this.subscriptions.subscribe(actor(principal), teamId, productId);
			redirect.addFlashAttribute("flashSuccess", "Subscribed to " + entry.name() + ": its database is being prepared.");
		}
		catch (SubscriptionException ex) {
			redirect.addFlashAttribute("flashError", ex.getMessage());
		}
		return "redirect:/teams/" + teamId + "/products";
	}

	@PostMapping("/teams/{teamId}/subscriptions/{subscriptionId}/retry")
	@TeamPrivilege("products.subscribe")
	String retry(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@PathVariable UUID subscriptionId, RedirectAttributes redirect) {
		try {
			CatalogueEntry entry = this.subscriptions.retry(actor(principal), teamId, subscriptionId);
			redirect.addFlashAttribute("flashSuccess", "Trying again to prepare " + entry.name() + ".");
		}
		catch (SubscriptionException ex) {
			redirect.addFlashAttribute("flashError", ex.getMessage());
		}
		return "redirect:/teams/" + teamId + "/products";
	}

	@GetMapping("/teams/{teamId}/subscriptions/{subscriptionId}/cancel")
	@TeamPrivilege("products.subscribe")
	String confirmCancel(@PathVariable UUID teamId, @PathVariable UUID subscriptionId, Model model) {
		model.addAttribute("team", this.teams.team(teamId));
		model.addAttribute("entry", this.subscriptions.subscription(teamId, subscriptionId));
		model.addAttribute("retentionDays", Math.max(1, this.subscriptions.retention().toDays()));
		model.addAttribute("retention", this.subscriptions.retention());
		return CANCEL_VIEW;
	}

	@PostMapping("/teams/{teamId}/subscriptions/{subscriptionId}/cancel")
	@TeamPrivilege("products.subscribe")
	String cancel(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@PathVariable UUID subscriptionId, RedirectAttributes redirect) {
		try {
			CatalogueEntry entry = this.subscriptions.cancel(actor(principal), teamId, subscriptionId);
			redirect.addFlashAttribute("flashSuccess", "The subscription to " + entry.name() + " is cancelled.");
		}
		catch (SubscriptionException ex) {
			redirect.addFlashAttribute("flashError", ex.getMessage());
		}
		return "redirect:/teams/" + teamId + "/products";
	}

	private static Actor actor(PortalPrincipal principal) {
		return new Actor(principal.userId(), principal.email());
	}

}
