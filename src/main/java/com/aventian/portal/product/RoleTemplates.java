package com.aventian.portal.product;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import com.aventian.portal.audit.AuditEntry;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.rbac.PrivilegesChanged;
import com.aventian.portal.team.MembershipChanged;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Role templates: the platform's (every new team gets a copy, see {@code TeamService.createTeam}) and the
 * products' (a team gets copies when it gets the product, {@link #copyProductTemplates}), platform system
 * roles and invisible ones included. A template can be re-applied to the teams holding a copy: first a
 * preview of what each team's role would gain and lose and who holds it, then one transaction per team.
 */
@Service
public class RoleTemplates {

	private final RoleTemplateMapper templates;

	private final ProductMapper products;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	RoleTemplates(RoleTemplateMapper templates, ProductMapper products, AuditLog audit, ApplicationEventPublisher events,
			TransactionTemplate transaction) {
		this.templates = templates;
		this.products = products;
		this.audit = audit;
		this.events = events;
		this.transaction = transaction;
	}

	/** The templates of a product, or of the platform when {@code productId} is null. */
	public List<RoleTemplate> templates(UUID productId) {
		return this.templates.findTemplates(productId);
	}

	public RoleTemplate template(UUID id) {
		return this.templates.findTemplate(id).orElseThrow(ProductNotFoundException::new);
	}

	public List<String> privilegeCodes(UUID templateId) {
		return this.templates.findTemplatePrivilegeCodes(templateId);
	}

	@Transactional
	public RoleTemplate create(PlatformAdmin admin, UUID productId, TemplateForm typed) {
		if (productId != null) {
			this.products.findProductByIdForUpdate(productId).orElseThrow(ProductNotFoundException::new);
		}
		TemplateForm form = typed.cleaned();
		List<UUID> privileges = check(productId, null, form);
		UUID id = UUID.randomUUID();
		moveDefaults(id, form);
		try {
			this.templates.insertTemplate(new RoleTemplate(id, productId, form.name(), form.description(), form.sortOrder(),
					form.system(), form.visible(), form.creatorDefault(), form.invitationDefault(), 0, 0, ""));
		}
		catch (DuplicateKeyException ex) {
			throw InvalidInput.of("name", "A template named \"" + form.name() + "\" already exists here.");
		}
		savePrivileges(id, privileges);
		RoleTemplate created = template(id);
		record(admin, "ROLE_TEMPLATE_CREATED", created, null, snapshot(created));
		return created;
	}

	@Transactional
	public RoleTemplate update(PlatformAdmin admin, UUID id, TemplateForm typed, int seenVersion) {
		RoleTemplate before = this.templates.findTemplateForUpdate(id).orElseThrow(ProductNotFoundException::new);
		Map<String, Object> beforeSnapshot = snapshot(before);
		TemplateForm form = typed.cleaned();
		List<UUID> privileges = check(before.productId(), before, form);
		if (before.version() != seenVersion) {
			throw new ProductRuleException(ProductRuleException.CHANGED_MEANWHILE);
		}
		moveDefaults(id, form);
		try {
			if (this.templates.updateTemplate(new RoleTemplate(id, before.productId(), form.name(), form.description(),
					form.sortOrder(), form.system(), form.visible(), form.creatorDefault(), form.invitationDefault(),
					seenVersion, 0, "")) == 0) {
				throw new ProductRuleException(ProductRuleException.CHANGED_MEANWHILE);
			}
		}
		catch (DuplicateKeyException ex) {
			throw InvalidInput.of("name", "A template named \"" + form.name() + "\" already exists here.");
		}
		savePrivileges(id, privileges);
		RoleTemplate after = template(id);
		record(admin, "ROLE_TEMPLATE_UPDATED", after, beforeSnapshot, snapshot(after));
		return after;
	}

	/** A template teams hold copies of stays (their roles keep pointing at it, for re-applying). */
	@Transactional
	public void delete(PlatformAdmin admin, UUID id, int seenVersion) {
		RoleTemplate before = this.templates.findTemplateForUpdate(id).orElseThrow(ProductNotFoundException::new);
		if (before.version() != seenVersion) {
			throw new ProductRuleException(ProductRuleException.CHANGED_MEANWHILE);
		}
		if (before.copies() > 0) {
			throw new ProductRuleException(before.copies() + " team role(s) were copied from \"" + before.name()
					+ "\"; it stays so they can be kept in step with it.");
		}
		if (before.creatorDefault() || before.invitationDefault()) {
			throw new ProductRuleException("\"" + before.name()
					+ "\" is the role of new teams' creators or of invitees; mark another template so first.");
		}
		Map<String, Object> beforeSnapshot = snapshot(before);
		this.templates.deleteTemplate(id);
		record(admin, "ROLE_TEMPLATE_DELETED", before, beforeSnapshot, null);
	}

	/**
	 * Gives the team a role for each of the product's templates it has no copy of yet (a team role of the same
	 * name keeps its name; the copy gets the product's code after its own). Joins the caller's transaction.
	 */
	@Transactional
	public void copyProductTemplates(UUID teamId, UUID productId, PlatformAdmin actor) {
		if (this.templates.lockTeam(teamId) == null) {
			throw new ProductNotFoundException();
		}
		Product product = this.products.findProductById(productId).orElseThrow(ProductNotFoundException::new);
		for (RoleTemplate template : this.templates.findTemplatesMissingInTeam(teamId, productId)) {
			String name = template.name();
			if (this.templates.existsRoleName(teamId, name)) {
				String suffix = " (" + product.code() + ")";
				name = name.substring(0, Math.min(name.length(), 60 - suffix.length())) + suffix;
			}
			UUID roleId = UUID.randomUUID();
			this.templates.insertRoleFromTemplate(roleId, teamId, template.id(), name);
			this.templates.insertRolePrivilegesFromTemplate(roleId, template.id());
			Map<String, Object> after = new LinkedHashMap<>();
			after.put("name", name);
			after.put("template", template.name());
			after.put("system", template.system());
			after.put("visible", template.visible());
			after.put("privileges", this.templates.findRolePrivilegeCodes(roleId));
			this.audit.record(AuditEntry.of(actor.userId(), actor.email(), "ROLE_COPIED_FROM_TEMPLATE", "role", roleId)
				.inTeam(teamId)
				.forProduct(productId)
				.withDetails(Snapshots.change(null, after)));
		}
		grantProductToOwners(teamId, productId, actor);
	}

	/**
	 * The team's owners hold everything in it, the product's privileges included: nobody gives a privilege they
	 * lack, so without them nobody in the team could ever hand out the product's roles.
	 */
	private void grantProductToOwners(UUID teamId, UUID productId, PlatformAdmin actor) {
		UUID ownerRole = this.templates.findOwnerRole(teamId).orElse(null);
		if (ownerRole == null) {
			return;
		}
		List<String> before = this.templates.findRolePrivilegeCodes(ownerRole);
		if (this.templates.grantProductToOwnerRole(teamId, productId) == 0) {
			return;
		}
		this.audit.record(AuditEntry.of(actor.userId(), actor.email(), "ROLE_PRIVILEGES_CHANGED", "role", ownerRole)
			.inTeam(teamId)
			.forProduct(productId)
			.withDetails(Snapshots.change(Map.of("privileges", before),
					Map.of("privileges", this.templates.findRolePrivilegeCodes(ownerRole)))));
		this.events.publishEvent(PrivilegesChanged.ofTeam(teamId));
	}

	/** What re-applying the template would do to each team's copy; changes nothing. */
	public ReapplyPreview previewReapply(UUID templateId) {
		RoleTemplate template = template(templateId);
		List<String> wanted = this.templates.findTemplatePrivilegeCodes(templateId);
		Map<UUID, Set<String>> current = this.templates.findPrivilegeCodesOfCopies(templateId)
			.stream()
			.collect(Collectors.groupingBy(RoleTemplateMapper.CodeOfRole::roleId,
					Collectors.mapping(RoleTemplateMapper.CodeOfRole::code, Collectors.toCollection(TreeSet::new))));
		Map<UUID, List<String>> holders = this.templates.findHoldersOfCopies(templateId)
			.stream()
			.collect(Collectors.groupingBy(RoleTemplateMapper.HolderOfRole::roleId,
					Collectors.mapping(RoleTemplateMapper.HolderOfRole::displayName, Collectors.toList())));
		List<ReapplyPreview.TeamChange> teams = new ArrayList<>();
		for (RoleTemplateMapper.TemplateCopy copy : this.templates.findCopies(templateId)) {
			Set<String> has = current.getOrDefault(copy.roleId(), Set.of());
			List<String> members = holders.getOrDefault(copy.roleId(), List.of());
			teams.add(new ReapplyPreview.TeamChange(copy.teamId(), copy.teamName(), copy.roleId(), copy.roleName(),
					wanted.stream().filter((code) -> !has.contains(code)).toList(),
					has.stream().filter((code) -> !wanted.contains(code)).toList(),
					members.size() <= ReapplyPreview.NAMED_MEMBERS ? members : List.of(), members.size()));
		}
		return new ReapplyPreview(template, wanted, teams);
	}

	/**
	 * Makes every team's copy hold exactly the template's privileges, one transaction per team under the team's
	 * lock (a team's own concurrent edit waits, then sees a new role version). Refused when the template changed
	 * after the preview the admin saw. Returns how many teams' roles changed.
	 */
	public int reapply(PlatformAdmin admin, UUID templateId, int seenVersion) {
		RoleTemplate template = template(templateId);
		if (template.version() != seenVersion) {
			throw new ProductRuleException(ProductRuleException.CHANGED_MEANWHILE);
		}
		int changed = 0;
		for (RoleTemplateMapper.TemplateCopy copy : this.templates.findCopies(templateId)) {
			Boolean applied = this.transaction.execute((status) -> reapplyTo(admin, template, copy));
			if (Boolean.TRUE.equals(applied)) {
				changed++;
			}
		}
		return changed;
	}

	private boolean reapplyTo(PlatformAdmin admin, RoleTemplate template, RoleTemplateMapper.TemplateCopy seen) {
		if (this.templates.lockTeam(seen.teamId()) == null) {
			return false;
		}
		RoleTemplateMapper.TemplateCopy copy = this.templates.findCopy(template.id(), seen.roleId()).orElse(null);
		if (copy == null) {
			return false;
		}
		List<String> before = this.templates.findRolePrivilegeCodes(copy.roleId());
		this.templates.deleteRolePrivilegesNotInTemplate(copy.roleId(), template.id());
		this.templates.insertMissingRolePrivileges(copy.roleId(), template.id());
		List<String> after = this.templates.findRolePrivilegeCodes(copy.roleId());
		if (before.equals(after)) {
			return false;
		}
		this.templates.updateRoleVersion(copy.roleId());
		Map<String, Object> details = Snapshots.change(Map.of("privileges", before), Map.of("privileges", after));
		details.put("template", template.name());
		this.audit.record(AuditEntry.of(admin.userId(), admin.email(), "ROLE_TEMPLATE_REAPPLIED", "role", copy.roleId())
			.inTeam(copy.teamId())
			.forProduct(template.productId())
			.withDetails(details));
		// the holders' privileges changed, gained or lost: their cached answers (rbac.RoleCache) are evicted either
		// way, and what depends on a loss (pending invitations) is revisited
		this.templates.findHoldersOfCopies(template.id())
			.stream()
			.filter((holder) -> holder.roleId().equals(copy.roleId()))
			.map(RoleTemplateMapper.HolderOfRole::userId)
			.distinct()
			.forEach((userId) -> this.events.publishEvent(
					new MembershipChanged(copy.teamId(), userId, "ROLE_TEMPLATE_REAPPLIED", admin.userId(), admin.email())));
		return true;
	}

	private List<UUID> check(UUID productId, RoleTemplate existing, TemplateForm form) {
		InvalidInput.Collector problems = new InvalidInput.Collector();
		if (form.name().isEmpty() || form.name().length() > 60) {
			problems.add("name", "Enter a name of at most 60 characters.");
		}
		else if (this.templates.existsTemplateName(productId, form.name(), existing == null ? null : existing.id())) {
			problems.add("name", "A template named \"" + form.name() + "\" already exists here.");
		}
		if (form.description().length() > 500) {
			problems.add("description", "Keep the description to 500 characters.");
		}
		if (!form.visible() && !form.system()) {
			problems.add("visible", "An invisible role is always a system role: tick \"System role\" too.");
		}
		if (productId != null && (form.creatorDefault() || form.invitationDefault())) {
			problems.add("creatorDefault", "Only platform templates give the role of a team's creator or of invitees.");
		}
		if (existing != null && existing.creatorDefault() && !form.creatorDefault()) {
			problems.add("creatorDefault", "New teams' creators need a role: mark another template as theirs instead.");
		}
		if (existing != null && existing.invitationDefault() && !form.invitationDefault()) {
			problems.add("invitationDefault", "Invitations need a proposed role: mark another template instead.");
		}
		List<UUID> asked = form.privilegeIds().stream().distinct().toList();
		List<UUID> allowed = asked.isEmpty() ? List.of() : this.templates.findPrivilegeIdsOfProduct(productId, asked);
		if (allowed.size() != asked.size()) {
			problems.add("privilegeIds", productId == null ? "A platform template holds only platform privileges."
					: "A product's template holds only that product's privileges.");
		}
		problems.throwIfAny();
		return allowed;
	}

	/** The creator's and the invitee's role are one template each: marking one unmarks the other. */
	private void moveDefaults(UUID templateId, TemplateForm form) {
		if (form.creatorDefault()) {
			this.templates.clearCreatorDefault(templateId);
		}
		if (form.invitationDefault()) {
			this.templates.clearInvitationDefault(templateId);
		}
	}

	private void savePrivileges(UUID templateId, List<UUID> privilegeIds) {
		this.templates.deleteTemplatePrivileges(templateId);
		if (!privilegeIds.isEmpty()) {
			this.templates.insertTemplatePrivileges(templateId, privilegeIds);
		}
	}

	private Map<String, Object> snapshot(RoleTemplate template) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("name", template.name());
		fields.put("description", template.description());
		fields.put("sortOrder", template.sortOrder());
		fields.put("system", template.system());
		fields.put("visible", template.visible());
		fields.put("creatorDefault", template.creatorDefault());
		fields.put("invitationDefault", template.invitationDefault());
		fields.put("privileges", this.templates.findTemplatePrivilegeCodes(template.id()));
		return fields;
	}

	private void record(PlatformAdmin admin, String action, RoleTemplate template, Object before, Object after) {
		AuditEntry entry = AuditEntry.of(admin.userId(), admin.email(), action, "role_template", template.id());
		this.audit.record((template.productId() == null ? entry : entry.forProduct(template.productId()))
			.withDetails(Snapshots.change(before, after)));
	}

}
