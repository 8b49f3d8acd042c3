package com.aventian.portal.product;

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

/** The product registry for platform admins ({@code /admin/**} is theirs alone, see SecurityConfig). */
@Controller
@NotTeamScoped
class AdminProductsController {

	static final String LIST_VIEW = "admin/products";

	static final String NEW_VIEW = "admin/product-new";

	static final String PRODUCT_VIEW = "admin/product";

	private final ProductRegistry registry;

	private final RoleTemplates templates;

	AdminProductsController(ProductRegistry registry, RoleTemplates templates) {
		this.registry = registry;
		this.templates = templates;
	}

	@GetMapping("/admin")
	String admin() {
		return "redirect:/admin/products";
	}

	@GetMapping("/admin/products")
	String list(Model model) {
		model.addAttribute("products", this.registry.products());
		return LIST_VIEW;
	}

	@GetMapping("/admin/products/new")
	String newProduct(Model model) {
		model.addAttribute("form", new ProductForm("", "", "", "", ""));
		model.addAttribute("problems", Map.of());
		return NEW_VIEW;
	}

	@PostMapping("/admin/products")
	String create(@AuthenticationPrincipal PortalPrincipal principal, ProductFormParams params, Model model,
			RedirectAttributes redirect) {
		ProductForm form = params.form();
		try {
			Product product = this.registry.create(admin(principal), form);
			redirect.addFlashAttribute("flashSuccess", product.name() + " is registered. Add its resource types, privileges and role templates.");
			return "redirect:/admin/products/" + product.id();
		}
		catch (InvalidInput ex) {
			model.addAttribute("form", form);
			model.addAttribute("problems", ex.fields());
			return NEW_VIEW;
		}
	}

	@GetMapping("/admin/products/{productId}")
	String product(@PathVariable UUID productId, Model model) {
		return productPage(productId, model);
	}

	@PostMapping("/admin/products/{productId}")
	String update(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID productId, ProductFormParams params,
			@RequestParam(defaultValue = "-1") int version, Model model, RedirectAttributes redirect) {
		ProductForm form = params.form();
		try {
			Product product = this.registry.update(admin(principal), productId, form, version);
			return saved(redirect, product, product.name() + " is saved.");
		}
		catch (InvalidInput ex) {
			model.addAttribute("form", new ProductForm(this.registry.product(productId).code(), form.name(), form.description(),
					form.provisioningScriptPath(), form.dashboardUrl()));
			model.addAttribute("problems", ex.fields());
			return productPage(productId, model);
		}
		catch (ProductRuleException ex) {
			model.addAttribute("flashError", ex.getMessage());
			return productPage(productId, model);
		}
	}

	@PostMapping("/admin/products/{productId}/retire")
	String retire(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID productId,
			@RequestParam(defaultValue = "-1") int version, Model model, RedirectAttributes redirect) {
		try {
			Product product = this.registry.retire(admin(principal), productId, version);
			return saved(redirect, product, product.name() + " is retired: teams that have it keep it, no new team gets it.");
		}
		catch (ProductRuleException ex) {
			model.addAttribute("flashError", ex.getMessage());
			return productPage(productId, model);
		}
	}

	@PostMapping("/admin/products/{productId}/reactivate")
	String reactivate(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID productId,
			@RequestParam(defaultValue = "-1") int version, Model model, RedirectAttributes redirect) {
		try {
			Product product = this.registry.reactivate(admin(principal), productId, version);
			return saved(redirect, product, product.name() + " is active again.");
		}
		catch (ProductRuleException ex) {
			model.addAttribute("flashError", ex.getMessage());
			return productPage(productId, model);
		}
	}

	@PostMapping("/admin/products/{productId}/delete")
	String delete(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID productId,
			@RequestParam(defaultValue = "-1") int version, Model model, RedirectAttributes redirect) {
		try {
			this.registry.delete(admin(principal), productId, version);
			redirect.addFlashAttribute("flashSuccess", "The product is deleted.");
			return "redirect:/admin/products";
		}
		catch (ProductRuleException ex) {
			model.addAttribute("flashError", ex.getMessage());
			return productPage(productId, model);
		}
	}

	@PostMapping("/admin/products/{productId}/resource-types")
	String addResourceType(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID productId,
			@RequestParam(defaultValue = "") String resourceType, @RequestParam(defaultValue = "-1") int version, Model model,
			RedirectAttributes redirect) {
		try {
			Product product = this.registry.addResourceType(admin(principal), productId, resourceType, version);
			return saved(redirect, product, "Resource type " + resourceType.strip() + " added.");
		}
		catch (InvalidInput ex) {
			model.addAttribute("typedResourceType", resourceType);
			model.addAttribute("problems", ex.fields());
			return productPage(productId, model);
		}
		catch (ProductRuleException ex) {
			model.addAttribute("flashError", ex.getMessage());
			return productPage(productId, model);
		}
	}

	@PostMapping("/admin/products/{productId}/resource-types/remove")
	String removeResourceType(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID productId,
			@RequestParam(defaultValue = "") String resourceType, @RequestParam(defaultValue = "-1") int version, Model model,
			RedirectAttributes redirect) {
		try {
			Product product = this.registry.removeResourceType(admin(principal), productId, resourceType, version);
			return saved(redirect, product, "Resource type " + resourceType + " removed.");
		}
		catch (ProductRuleException ex) {
			model.addAttribute("flashError", ex.getMessage());
			return productPage(productId, model);
		}
	}

	@PostMapping("/admin/products/{productId}/privileges")
	String addPrivilege(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID productId,
			@RequestParam(name = "privilegeCode", defaultValue = "") String code,
			@RequestParam(name = "privilegeDescription", defaultValue = "") String description, Model model,
			RedirectAttributes redirect) {
		try {
			ProductPrivilege privilege = this.registry.addPrivilege(admin(principal), productId, code, description);
			redirect.addFlashAttribute("flashSuccess", "Privilege " + privilege.code() + " added.");
			return "redirect:/admin/products/" + productId + "#privileges";
		}
		catch (InvalidInput ex) {
			model.addAttribute("typedCode", code);
			model.addAttribute("typedDescription", description);
			// the privilege form's fields, apart from the product form's own code and description
			Map<String, String> problems = new java.util.HashMap<>();
			ex.fields().forEach((field, message) -> problems.put("privilege" + Character.toUpperCase(field.charAt(0)) + field.substring(1), message));
			model.addAttribute("problems", problems);
			return productPage(productId, model);
		}
	}

	@PostMapping("/admin/products/{productId}/privileges/{privilegeId}/delete")
	String removePrivilege(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID productId,
			@PathVariable UUID privilegeId, Model model, RedirectAttributes redirect) {
		try {
			this.registry.removePrivilege(admin(principal), productId, privilegeId);
			redirect.addFlashAttribute("flashSuccess", "The privilege is removed.");
			return "redirect:/admin/products/" + productId + "#privileges";
		}
		catch (ProductRuleException ex) {
			model.addAttribute("flashError", ex.getMessage());
			return productPage(productId, model);
		}
	}

	@PostMapping("/admin/products/{productId}/teams")
	String associateTeam(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID productId,
			@RequestParam(defaultValue = "") String teamId, Model model, RedirectAttributes redirect) {
		UUID team;
		try {
			team = UUID.fromString(teamId.strip());
			this.registry.associateTeam(admin(principal), team, productId);
		}
		catch (IllegalArgumentException | ProductNotFoundException ex) {
			model.addAttribute("typedTeamId", teamId);
			model.addAttribute("problems", Map.of("teamId", "No active team has that id (it is in the address of the team's pages), or the product is retired."));
			return productPage(productId, model);
		}
		redirect.addFlashAttribute("flashSuccess", "The team has the product, with copies of its role templates.");
		return "redirect:/admin/products/" + productId;
	}

	private String productPage(UUID productId, Model model) {
		Product product = this.registry.product(productId);
		model.addAttribute("product", product);
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", ProductForm.of(product));
		}
		if (!model.containsAttribute("problems")) {
			model.addAttribute("problems", Map.of());
		}
		model.addAttribute("privileges", this.registry.privileges(productId));
		model.addAttribute("templates", this.templates.templates(productId));
		return PRODUCT_VIEW;
	}

	private static String saved(RedirectAttributes redirect, Product product, String message) {
		redirect.addFlashAttribute("flashSuccess", message);
		return "redirect:/admin/products/" + product.id();
	}

	static PlatformAdmin admin(PortalPrincipal principal) {
		return new PlatformAdmin(principal.userId(), principal.email());
	}

	/** The product form's fields as posted; missing ones are empty. */
	record ProductFormParams(String code, String name, String description, String provisioningScriptPath, String dashboardUrl) {

		ProductForm form() {
			return new ProductForm(orEmpty(this.code), orEmpty(this.name), orEmpty(this.description),
					orEmpty(this.provisioningScriptPath), orEmpty(this.dashboardUrl));
		}

		private static String orEmpty(String value) {
			return value == null ? "" : value;
		}

	}

}
