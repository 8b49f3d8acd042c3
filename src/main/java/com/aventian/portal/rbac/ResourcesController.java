package com.aventian.portal.rbac;

import java.util.Map;
import java.util.UUID;

import com.aventian.portal.account.PortalPrincipal;
import com.aventian.portal.team.MembershipService.Actor;
import com.aventian.portal.team.TeamPrivilege;
import com.aventian.portal.team.TeamRuleException;
import com.aventian.portal.team.TeamService;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The team's resources page: register, rename and delete resource instances of its products' types. */
@Controller
class ResourcesController {

	static final String VIEW = "rbac/resources";

	private final Resources resources;

	private final TeamService teams;

	ResourcesController(Resources resources, TeamService teams) {
		this.resources = resources;
		this.teams = teams;
	}

	@GetMapping("/teams/{teamId}/resources")
	@TeamPrivilege("roles.manage")
	String page(@PathVariable UUID teamId, Model model) {
		return page(teamId, Map.of(), model);
	}

	@PostMapping("/teams/{teamId}/resources")
	@TeamPrivilege("roles.manage")
	String register(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "") String externalId,
			@RequestParam(defaultValue = "") String displayName, Model model, RedirectAttributes redirect) {
		try {
			TeamResource created = this.resources.register(actor(principal), teamId, productOf(kind), typeOf(kind), externalId,
					displayName);
			redirect.addFlashAttribute("flashSuccess", created.displayName() + " is registered.");
			return "redirect:/teams/" + teamId + "/resources";
		}
		catch (ResourceInputException ex) {
			model.addAttribute("typedKind", kind);
			model.addAttribute("typedExternalId", externalId);
			model.addAttribute("typedDisplayName", displayName);
			return page(teamId, ex.fields(), model);
		}
	}

	@PostMapping("/teams/{teamId}/resources/{resourceId}/name")
	@TeamPrivilege("roles.manage")
	String rename(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@PathVariable UUID resourceId, @RequestParam(defaultValue = "") String displayName, Model model,
			RedirectAttributes redirect) {
		try {
			TeamResource renamed = this.resources.rename(actor(principal), teamId, resourceId, displayName);
			redirect.addFlashAttribute("flashSuccess", "Renamed to " + renamed.displayName() + ".");
			return "redirect:/teams/" + teamId + "/resources";
		}
		catch (ResourceInputException ex) {
			model.addAttribute("renaming", resourceId);
			model.addAttribute("typedName", displayName);
			return page(teamId, ex.fields(), model);
		}
	}

	@PostMapping("/teams/{teamId}/resources/{resourceId}/delete")
	@TeamPrivilege("roles.manage")
	String delete(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID teamId,
			@PathVariable UUID resourceId, RedirectAttributes redirect) {
		try {
			TeamResource deleted = this.resources.delete(actor(principal), teamId, resourceId);
			redirect.addFlashAttribute("flashSuccess", deleted.displayName() + " is deleted"
					+ (deleted.grants() > 0 ? ", with the " + deleted.grants() + " grant(s) narrowed to it." : "."));
		}
		catch (TeamRuleException ex) {
			redirect.addFlashAttribute("flashError", ex.getMessage());
		}
		return "redirect:/teams/" + teamId + "/resources";
	}

	private String page(UUID teamId, Map<String, String> problems, Model model) {
		model.addAttribute("team", this.teams.team(teamId));
		model.addAttribute("resources", this.resources.of(teamId));
		model.addAttribute("kinds", this.resources.registrableKinds(teamId));
		model.addAttribute("problems", problems);
		return VIEW;
	}

	private static Actor actor(PortalPrincipal principal) {
		return new Actor(principal.userId(), principal.email());
	}

	/** The product half of a kind ({@code <product id>/<type>}); anything unreadable names no product and is refused. */
	private static UUID productOf(String kind) {
		int slash = kind.indexOf('/');
		try {
			return slash > 0 ? UUID.fromString(kind.substring(0, slash)) : new UUID(0, 0);
		}
		catch (IllegalArgumentException ex) {
			return new UUID(0, 0);
		}
	}

	private static String typeOf(String kind) {
		int slash = kind.indexOf('/');
		return slash > 0 ? kind.substring(slash + 1) : "";
	}

}
