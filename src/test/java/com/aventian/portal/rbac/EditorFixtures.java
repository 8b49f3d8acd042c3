package com.aventian.portal.rbac;

import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Products, privileges, templates and resources for tests, written with SQL (the platform admin's pages
 * are another feature); each product gets a fresh code so tests never share one.
 */
@Component
public class EditorFixtures {

	private final JdbcTemplate jdbc;

	EditorFixtures(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** A product "crm-xxxxxx" with resource types contact and pipeline, four privileges and two templates. */
	public Crm crm() {
		String code = "crm-" + UUID.randomUUID().toString().substring(0, 6);
		UUID product = this.jdbc.queryForObject("""
				insert into aventian.tbl_master_products (code, name, allowed_resource_types)
				values (?, ?, '{contact,pipeline}') returning id""", UUID.class, code, "CRM " + code);
		Crm crm = new Crm(product, code);
		privilege(crm, crm.read(), "contact", "Read contacts");
		privilege(crm, crm.update(), "contact", "Edit contacts");
		privilege(crm, crm.delete(), "contact", "Delete contacts");
		privilege(crm, crm.pipelines(), "pipeline", "Read pipelines");
		template(product, "Sales rep", crm.read());
		template(product, "CRM admin", crm.read(), crm.update(), crm.delete(), crm.pipelines());
		return crm;
	}

	/** The team subscribes to the product and receives a copy of its templates, as a subscription does. */
	public void associate(UUID teamId, Crm crm) {
		this.jdbc.update("insert into aventian.tbl_team_product_assoc (team_id, product_id, status) values (?, ?, 'ACTIVE')",
				teamId, crm.id());
		this.jdbc.update("""
				insert into aventian.tbl_roles (team_id, product_id, template_id, name, description, sort_order, system, visible)
				select ?, t.product_id, t.id, t.name, t.description, t.sort_order, t.system, t.visible
				from aventian.tbl_role_templates t where t.product_id = ?""", teamId, crm.id());
		this.jdbc.update("""
				insert into aventian.tbl_role_privileges (role_id, privilege_id)
				select r.id, tp.privilege_id from aventian.tbl_roles r
				join aventian.tbl_role_template_privileges tp on tp.template_id = r.template_id
				where r.team_id = ? and r.product_id = ?""", teamId, crm.id());
	}

	public UUID template(UUID productId, String name, String... privileges) {
		UUID template = this.jdbc.queryForObject("""
				insert into aventian.tbl_role_templates (product_id, name, description) values (?, ?, ?) returning id""",
				UUID.class, productId, name, name + " of the product");
		for (String privilege : privileges) {
			this.jdbc.update("""
					insert into aventian.tbl_role_template_privileges (template_id, privilege_id)
					select ?, id from aventian.tbl_privileges where code = ?""", template, privilege);
		}
		return template;
	}

	public UUID resource(UUID teamId, Crm crm, String type, String name) {
		return this.jdbc.queryForObject("""
				insert into aventian.tbl_resources (team_id, product_id, resource_type, external_id, display_name)
				values (?, ?, ?, ?, ?) returning id""", UUID.class, teamId, crm.id(), type, UUID.randomUUID().toString(), name);
	}

	/** A role of the team given to a member, team-wide ({@code resourceId} null) or on one resource. */
	public void grant(UUID teamId, UUID userId, UUID roleId, UUID resourceId) {
		this.jdbc.update("insert into aventian.tbl_user_roles (team_id, user_id, role_id, resource_id) values (?, ?, ?, ?)",
				teamId, userId, roleId, resourceId);
	}

	/** A system role of the team (the platform's, shown but not editable), or an invisible one. */
	public UUID systemRole(UUID teamId, String name, boolean visible, String... privileges) {
		UUID role = this.jdbc.queryForObject("""
				insert into aventian.tbl_roles (team_id, name, system, visible) values (?, ?, true, ?) returning id""",
				UUID.class, teamId, name, visible);
		for (String privilege : privileges) {
			this.jdbc.update("""
					insert into aventian.tbl_role_privileges (role_id, privilege_id)
					select ?, id from aventian.tbl_privileges where code = ?""", role, privilege);
		}
		return role;
	}

	private void privilege(Crm crm, String code, String resourceType, String description) {
		this.jdbc.update("insert into aventian.tbl_privileges (code, description, product_id, resource_type) values (?, ?, ?, ?)",
				code, description, crm.id(), resourceType);
	}

	/** A test product and the codes of its privileges. */
	public record Crm(UUID id, String code) {

		public String read() {
			return this.code + ".contact.read";
		}

		public String update() {
			return this.code + ".contact.update";
		}

		public String delete() {
			return this.code + ".contact.delete";
		}

		public String pipelines() {
			return this.code + ".pipeline.read";
		}

	}

}
