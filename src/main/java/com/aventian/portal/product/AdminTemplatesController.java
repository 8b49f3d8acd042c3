package com.aventian.portal.product;

import java.util.List;
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

/** Role templates of the platform (system roles and invisible ones included) and of products, for platform admins. */
@Controller
@NotTeamScoped
class AdminTemplatesController {

	static final String LIST_VIEW = "admin/templates";

	static final String TEMPLATE_VIEW = "admin/template";

	static final String REAPPLY_VIEW = "admin/reapply";

	private final RoleTemplates templates;

	private final ProductRegistry registry;

	AdminTemplatesController(RoleTemplates templates, ProductRegistry registry) {
		this.templates = templates;
		this.registry = registry;
	}

	@GetMapping("/admin/templates")
	String list(Model model) {
		model.addAttribute("templates", this.templates.templates(null));
		return LIST_VIEW;
	}

	@GetMapping("/admin/templates/new")
	String newTemplate(@RequestParam(required = false) UUID productId, Model model) {
		return templatePage(null, productId, TemplateForm.blank(), Map.of(), model);
	}

	@PostMapping("/admin/templates")
	String create(@AuthenticationPrincipal PortalPrincipal principal, @RequestParam(required = false) UUID productId,
			TemplateParams params, Model model, RedirectAttributes redirect) {
		TemplateForm form = params.form();
		try {
			RoleTemplate created = this.templates.create(AdminProductsController.admin(principal), productId, form);
			redirect.addFlashAttribute("flashSuccess", "Template " + created.name() + " is saved.");
			return "redirect:/admin/templates/" + created.id();
		}
		catch (InvalidInput ex) {
			return templatePage(null, productId, form, ex.fields(), model);
		}
	}

	@GetMapping("/admin/templates/{templateId}")
	String template(@PathVariable UUID templateId, Model model) {
		RoleTemplate template = this.templates.template(templateId);
		return templatePage(template, template.productId(), formOf(template), Map.of(), model);
	}

	@PostMapping("/admin/templates/{templateId}")
	String update(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID templateId, TemplateParams params,
			@RequestParam(defaultValue = "-1") int version, Model model, RedirectAttributes redirect) {
		TemplateForm form = params.form();
		try {
			RoleTemplate saved = this.templates.update(AdminProductsController.admin(principal), templateId, form, version);
			redirect.addFlashAttribute("flashSuccess", "Template " + saved.name() + " is saved."
					+ (saved.copies() > 0 ? " Teams' copies change when you re-apply it." : ""));
			return "redirect:/admin/templates/" + templateId;
		}
		catch (InvalidInput ex) {
			RoleTemplate template = this.templates.template(templateId);
			return templatePage(template, template.productId(), form, ex.fields(), model);
		}
		catch (ProductRuleException ex) {
			model.addAttribute("flashError", ex.getMessage());
			return template(templateId, model);
		}
	}

	@PostMapping("/admin/templates/{templateId}/delete")
	String delete(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID templateId,
			@RequestParam(defaultValue = "-1") int version, Model model, RedirectAttributes redirect) {
		RoleTemplate template = this.templates.template(templateId);
		try {
			this.templates.delete(AdminProductsController.admin(principal), templateId, version);
		}
		catch (ProductRuleException ex) {
			model.addAttribute("flashError", ex.getMessage());
			return template(templateId, model);
		}
		redirect.addFlashAttribute("flashSuccess", "Template " + template.name() + " is deleted.");
		return template.productId() == null ? "redirect:/admin/templates" : "redirect:/admin/products/" + template.productId();
	}

	@GetMapping("/admin/templates/{templateId}/reapply")
	String previewReapply(@PathVariable UUID templateId, Model model) {
		model.addAttribute("preview", this.templates.previewReapply(templateId));
		return REAPPLY_VIEW;
	}

	@PostMapping("/admin/templates/{templateId}/reapply")
	String reapply(@AuthenticationPrincipal PortalPrincipal principal, @PathVariable UUID templateId,
			@RequestParam(defaultValue = "-1") int version, Model model, RedirectAttributes redirect) {
		try {
			int changed = this.templates.reapply(AdminProductsController.admin(principal), templateId, version);
			redirect.addFlashAttribute("flashSuccess", "Re-applied: the role of " + changed + " team(s) changed.");
			return "redirect:/admin/templates/" + templateId;
		}
		catch (ProductRuleException ex) {
			model.addAttribute("flashError", ex.getMessage());
			return previewReapply(templateId, model);
		}
	}

	private String templatePage(RoleTemplate template, UUID productId, TemplateForm form, Map<String, String> problems,
			Model model) {
		model.addAttribute("template", template);
		model.addAttribute("product", productId == null ? null : this.registry.product(productId));
		model.addAttribute("productId", productId);
		model.addAttribute("form", form);
		model.addAttribute("problems", problems);
		model.addAttribute("privileges", this.registry.privileges(productId));
		return TEMPLATE_VIEW;
	}

	private TemplateForm formOf(RoleTemplate template) {
		List<String> codes = this.templates.privilegeCodes(template.id());
		List<UUID> ids = this.registry.privileges(template.productId())
			.stream()
			.filter((privilege) -> codes.contains(privilege.code()))
			.map(ProductPrivilege::id)
			.toList();
		return new TemplateForm(template.name(), template.description(), template.sortOrder(), template.system(),
				template.visible(), template.creatorDefault(), template.invitationDefault(), ids);
	}

	/** The template form as posted: an unticked box is not sent at all. */
	record TemplateParams(String name, String description, Integer sortOrder, Boolean system, Boolean visible,
			Boolean creatorDefault, Boolean invitationDefault, List<UUID> privilegeIds) {

		TemplateForm form() {
			return new TemplateForm(this.name, this.description, this.sortOrder, Boolean.TRUE.equals(this.system),
					Boolean.TRUE.equals(this.visible), Boolean.TRUE.equals(this.creatorDefault),
					Boolean.TRUE.equals(this.invitationDefault), this.privilegeIds);
		}

	}

}
