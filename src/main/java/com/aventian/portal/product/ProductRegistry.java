package com.aventian.portal.product;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.aventian.portal.apikey.ApiKeys;
import com.aventian.portal.audit.AuditEntry;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.rbac.PrivilegesChanged;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The product registry of the platform admin pages: products, their resource types and privileges. Every
 * change is audited with before and after in its own transaction; edits name the version they saw, and a
 * product's privileges and resource types change under its row lock, one admin at a time.
 */
@Service
public class ProductRegistry {

	static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{1,39}");

	static final Pattern RESOURCE_TYPE = Pattern.compile("[a-z][a-z0-9_-]{0,39}");

	private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_-]{0,39}");

	private final ProductMapper products;

	private final ProvisioningScripts scripts;

	private final RoleTemplates templates;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final ApiKeys keys;

	ProductRegistry(ProductMapper products, ProvisioningScripts scripts, RoleTemplates templates, AuditLog audit,
			ApplicationEventPublisher events, ApiKeys keys) {
		this.events = events;
		this.keys = keys;
		this.products = products;
		this.scripts = scripts;
		this.templates = templates;
		this.audit = audit;
	}

	public List<Product> products() {
		return this.products.findProducts();
	}

	public Product product(UUID id) {
		return this.products.findProductById(id).orElseThrow(ProductNotFoundException::new);
	}

	public List<ProductPrivilege> privileges(UUID productId) {
		return this.products.findPrivileges(productId);
	}

	@Transactional
	public Product create(PlatformAdmin admin, ProductForm typed) {
		ProductForm form = typed.cleaned();
		InvalidInput.Collector problems = new InvalidInput.Collector();
		if (!CODE.matcher(form.code()).matches()) {
			problems.add("code", "A code is 2 to 40 lowercase letters, digits or dashes, starting with a letter (e.g. crm).");
		}
		else if (reservedCodes().contains(form.code())) {
			problems.add("code", "\"" + form.code() + "\" prefixes the platform's own privileges; choose another code.");
		}
		else if (this.products.existsProductCode(form.code())) {
			problems.add("code", "A product with the code \"" + form.code() + "\" already exists.");
		}
		checkFields(form, problems);
		problems.throwIfAny();
		UUID id = UUID.randomUUID();
		try {
			this.products.insertProduct(id, form.code(), form.name(), form.description(), emptyAsNull(form.provisioningScriptPath()),
					emptyAsNull(form.dashboardUrl()));
		}
		catch (DuplicateKeyException ex) {
			// another admin registered the same code between our check and our insert
			throw InvalidInput.of("code", "A product with the code \"" + form.code() + "\" already exists.");
		}
		Product created = product(id);
		record(admin, "PRODUCT_CREATED", created, null, Snapshots.of(created));
		return created;
	}

	@Transactional
	public Product update(PlatformAdmin admin, UUID id, ProductForm typed, int seenVersion) {
		ProductForm form = typed.cleaned();
		Product before = lock(id);
		InvalidInput.Collector problems = new InvalidInput.Collector();
		checkFields(form, problems);
		problems.throwIfAny();
		if (this.products.updateProduct(id, form.name(), form.description(), emptyAsNull(form.provisioningScriptPath()),
				emptyAsNull(form.dashboardUrl()), seenVersion) == 0) {
			throw new ProductRuleException(ProductRuleException.CHANGED_MEANWHILE);
		}
		Product after = product(id);
		record(admin, "PRODUCT_UPDATED", after, Snapshots.of(before), Snapshots.of(after));
		return after;
	}

	/** A retired product stays with the teams that have it; no new team or resource takes it. */
	@Transactional
	public Product retire(PlatformAdmin admin, UUID id, int seenVersion) {
		return changeStatus(admin, id, seenVersion, Product.RETIRED, "PRODUCT_RETIRED");
	}

	@Transactional
	public Product reactivate(PlatformAdmin admin, UUID id, int seenVersion) {
		return changeStatus(admin, id, seenVersion, Product.ACTIVE, "PRODUCT_REACTIVATED");
	}

	/** Only a product nothing depends on goes: once a team has it, or roles were copied from it, it is retired instead. */
	@Transactional
	public void delete(PlatformAdmin admin, UUID id, int seenVersion) {
		Product before = lock(id);
		if (before.version() != seenVersion) {
			throw new ProductRuleException(ProductRuleException.CHANGED_MEANWHILE);
		}
		long roles = this.products.countTeamRolesOfProduct(id);
		if (before.teams() > 0 || roles > 0 || this.products.countResourcesOfProduct(id, null) > 0) {
			throw new ProductRuleException(before.name() + " is used by " + before.teams() + " team(s) (" + roles
					+ " team role(s) copied from its templates): retire it instead of deleting it.");
		}
		// its keys go with it (on delete cascade): none may call from the cache
		this.keys.productChanged(id);
		this.products.deleteProduct(id);
		record(admin, "PRODUCT_DELETED", before, Snapshots.of(before), null);
	}

	@Transactional
	public Product addResourceType(PlatformAdmin admin, UUID id, String typed, int seenVersion) {
		String type = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
		Product before = lock(id);
		if (!RESOURCE_TYPE.matcher(type).matches()) {
			throw InvalidInput.of("resourceType",
					"A resource type is 1 to 40 lowercase letters, digits, dashes or underscores, starting with a letter (e.g. contact).");
		}
		if (before.allowedResourceTypes().contains(type)) {
			throw InvalidInput.of("resourceType", before.name() + " already has the resource type \"" + type + "\".");
		}
		List<String> types = new ArrayList<>(before.allowedResourceTypes());
		types.add(type);
		return saveResourceTypes(admin, before, types, seenVersion, "PRODUCT_RESOURCE_TYPE_ADDED");
	}

	@Transactional
	public Product removeResourceType(PlatformAdmin admin, UUID id, String type, int seenVersion) {
		Product before = lock(id);
		if (!before.allowedResourceTypes().contains(type)) {
			throw new ProductNotFoundException();
		}
		long privileges = this.products.countPrivilegesOfType(id, type);
		long resources = this.products.countResourcesOfProduct(id, type);
		if (privileges > 0 || resources > 0) {
			throw new ProductRuleException("The resource type \"" + type + "\" is still used by " + privileges
					+ " privilege(s) and " + resources + " registered resource(s) of teams; it stays.");
		}
		List<String> types = new ArrayList<>(before.allowedResourceTypes());
		types.remove(type);
		return saveResourceTypes(admin, before, types, seenVersion, "PRODUCT_RESOURCE_TYPE_REMOVED");
	}

	/**
	 * Adds a privilege named {@code <product>.<action>} (product-wide) or {@code <product>.<resource type>.<action>}
	 * (applying to resources of that type), unique on the whole platform.
	 */
	@Transactional
	public ProductPrivilege addPrivilege(PlatformAdmin admin, UUID productId, String typedCode, String typedDescription) {
		Product product = lock(productId);
		String code = typedCode == null ? "" : typedCode.strip();
		String description = typedDescription == null ? "" : typedDescription.strip();
		InvalidInput.Collector problems = new InvalidInput.Collector();
		String prefix = product.code() + ".";
		String[] parts = code.startsWith(prefix) ? code.substring(prefix.length()).split("\\.", -1) : new String[0];
		String resourceType = (parts.length == 2) ? parts[0] : null;
		if (parts.length < 1 || parts.length > 2 || !ACTION.matcher(parts[parts.length - 1]).matches()) {
			problems.add("code", "A privilege code is " + prefix + "<resource type>.<action> or " + prefix
					+ "<action>, in lowercase (e.g. " + prefix + "contact.read).");
		}
		else if (resourceType != null && !product.allowedResourceTypes().contains(resourceType)) {
			problems.add("code", "\"" + resourceType + "\" is not a resource type of " + product.name() + "; add it first.");
		}
		else if (this.products.existsPrivilegeCode(code)) {
			problems.add("code", "The privilege " + code + " already exists.");
		}
		if (description.isEmpty() || description.length() > 200) {
			problems.add("description", "Describe what the privilege allows, in at most 200 characters.");
		}
		problems.throwIfAny();
		UUID id = UUID.randomUUID();
		try {
			this.products.insertPrivilege(id, productId, code, description, resourceType);
		}
		catch (DuplicateKeyException ex) {
			throw InvalidInput.of("code", "The privilege " + code + " already exists.");
		}
		// the owners of the teams having the product hold everything of it, so they can give it on
		List<UUID> teams = this.products.grantToOwnerRoles(productId, id);
		ProductPrivilege created = this.products.findPrivilege(productId, id).orElseThrow();
		Map<String, Object> after = new LinkedHashMap<>(Snapshots.of(created));
		after.put("ownerRolesOfTeams", teams.size());
		record(admin, "PRIVILEGE_CREATED", product, null, after);
		teams.forEach((teamId) -> this.events.publishEvent(PrivilegesChanged.ofTeam(teamId)));
		return created;
	}

	@Transactional
	public void describePrivilege(PlatformAdmin admin, UUID productId, UUID privilegeId, String typedDescription) {
		Product product = lock(productId);
		ProductPrivilege before = this.products.findPrivilege(productId, privilegeId).orElseThrow(ProductNotFoundException::new);
		String description = typedDescription == null ? "" : typedDescription.strip();
		if (description.isEmpty() || description.length() > 200) {
			throw InvalidInput.of("description", "Describe what the privilege allows, in at most 200 characters.");
		}
		this.products.updatePrivilegeDescription(privilegeId, description);
		ProductPrivilege after = this.products.findPrivilege(productId, privilegeId).orElseThrow();
		record(admin, "PRIVILEGE_UPDATED", product, Snapshots.of(before), Snapshots.of(after));
	}

	/** A privilege some role or template holds stays: taking it away from teams is a decision made on those roles. */
	@Transactional
	public void removePrivilege(PlatformAdmin admin, UUID productId, UUID privilegeId) {
		Product product = lock(productId);
		// a team admin's role edit holds only its team's lock: without this row lock, a grant of the privilege in
		// flight is not counted below, and the delete's cascade then takes it silently from the role (no audit,
		// no cache eviction); the count is a statement of its own so that it sees what committed meanwhile
		this.products.lockPrivilege(productId, privilegeId).orElseThrow(ProductNotFoundException::new);
		ProductPrivilege before = this.products.findPrivilege(productId, privilegeId).orElseThrow(ProductNotFoundException::new);
		if (before.holders() > 0) {
			throw new ProductRuleException(before.code() + " is held by " + before.holders()
					+ " role(s) or template(s); take it out of them first.");
		}
		List<UUID> teams = this.products.findTeamsWhoseOwnerRoleHolds(privilegeId);
		this.products.deletePrivilege(privilegeId);
		record(admin, "PRIVILEGE_DELETED", product, Snapshots.of(before), null);
		teams.forEach((teamId) -> this.events.publishEvent(PrivilegesChanged.ofTeam(teamId)));
	}

	/**
	 * The team gets the product: a row in {@code tbl_team_product_assoc} and copies of the product's role templates.
	 * Subscriptions (issue 13) come through here; nothing happens when the team has the product already.
	 */
	@Transactional
	public void associateTeam(PlatformAdmin admin, UUID teamId, UUID productId) {
		Product product = this.products.findProductById(productId).filter((found) -> !found.retired())
			.orElseThrow(ProductNotFoundException::new);
		if (!this.products.existsTeam(teamId)) {
			throw new ProductNotFoundException();
		}
		if (this.products.insertTeamProduct(teamId, productId)) {
			this.audit.record(AuditEntry.of(admin.userId(), admin.email(), "TEAM_PRODUCT_ASSOCIATED", "product", productId)
				.inTeam(teamId)
				.forProduct(productId)
				.withDetails(Snapshots.change(null, Map.of("product", product.code()))));
			this.templates.copyProductTemplates(teamId, productId, admin);
			// the team's products are part of its members' cached privileges (the products' API answers from them)
			this.events.publishEvent(PrivilegesChanged.ofTeam(teamId));
		}
	}

	private Product changeStatus(PlatformAdmin admin, UUID id, int seenVersion, String status, String action) {
		Product before = lock(id);
		if (this.products.updateStatus(id, status, seenVersion) == 0) {
			throw new ProductRuleException(ProductRuleException.CHANGED_MEANWHILE);
		}
		// a retired product's keys are refused from the next call on (only keys that may call are cached)
		this.keys.productChanged(id);
		Product after = product(id);
		record(admin, action, after, Snapshots.of(before), Snapshots.of(after));
		return after;
	}

	private Product saveResourceTypes(PlatformAdmin admin, Product before, List<String> types, int seenVersion, String action) {
		if (this.products.updateResourceTypes(before.id(), String.join(",", types), seenVersion) == 0) {
			throw new ProductRuleException(ProductRuleException.CHANGED_MEANWHILE);
		}
		Product after = product(before.id());
		record(admin, action, after, Snapshots.of(before), Snapshots.of(after));
		return after;
	}

	private Product lock(UUID id) {
		return this.products.findProductByIdForUpdate(id).orElseThrow(ProductNotFoundException::new);
	}

	private void checkFields(ProductForm form, InvalidInput.Collector problems) {
		if (form.name().isEmpty() || form.name().length() > 100) {
			problems.add("name", "Enter a name of at most 100 characters.");
		}
		if (form.description().length() > 1000) {
			problems.add("description", "Keep the description to 1000 characters.");
		}
		if (!form.dashboardUrl().isEmpty() && !isWebAddress(form.dashboardUrl())) {
			problems.add("dashboardUrl", "Enter a full web address starting with https:// or http://, e.g. https://crm.example.com/.");
		}
		if (!form.provisioningScriptPath().isEmpty()) {
			this.scripts.problemWith(form.provisioningScriptPath()).ifPresent((problem) -> problems.add("provisioningScriptPath", problem));
		}
	}

	/** The codes that begin the platform's own privileges (team, members, ...): a product named so would share them. */
	private Set<String> reservedCodes() {
		return this.products.findPrivileges(null)
			.stream()
			.map((privilege) -> privilege.code().substring(0, privilege.code().indexOf('.')))
			.collect(Collectors.toSet());
	}

	private void record(PlatformAdmin admin, String action, Product product, Object before, Object after) {
		this.audit.record(AuditEntry.of(admin.userId(), admin.email(), action, "product", product.id())
			.forProduct(product.id())
			.withDetails(Snapshots.change(before, after)));
	}

	private static boolean isWebAddress(String value) {
		if (value.length() > 2000) {
			return false;
		}
		try {
			URI uri = new URI(value);
			return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
					&& uri.getUserInfo() == null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	private static String emptyAsNull(String value) {
		return value.isEmpty() ? null : value;
	}

}
