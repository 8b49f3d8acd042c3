package com.aventian.portal.rbac;

import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Products, privileges, roles, resources and grants for RBAC tests, written straight into the schema
 * (the pages that create them belong to other parts of issue 11). Every call makes fresh, unique rows.
 */
@Component
class RbacFixture {

	private final JdbcTemplate jdbc;

	RbacFixture(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** A new product with resource types {@code contact} and {@code pipeline}; returns its code. */
	Product product() {
		String code = "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		UUID id = this.jdbc.queryForObject("insert into aventian.tbl_master_products (code, name, allowed_resource_types) "
				+ "values (?, ?, array['contact', 'pipeline']) returning id", UUID.class, code, "Product " + code);
		return new Product(id, code);
	}

	/** A privilege of the product, {@code <code>.<suffix>}. */
	String privilege(Product product, String suffix) {
		String code = product.code() + "." + suffix;
		this.jdbc.update("insert into aventian.tbl_privileges (code, description, product_id, resource_type) "
				+ "values (?, ?, ?, ?)", code, "Lets one " + suffix, product.id(), suffix.contains(".") ? suffix.split("\\.")[0] : null);
		return code;
	}

	/** A role of the team holding the privileges given by code (platform or product ones). */
	UUID role(UUID teamId, String name, boolean system, boolean visible, String... privileges) {
		UUID roleId = this.jdbc.queryForObject("insert into aventian.tbl_roles (team_id, name, system, visible) "
				+ "values (?, ?, ?, ?) returning id", UUID.class, teamId, name, system, visible);
		for (String code : privileges) {
			this.jdbc.update("insert into aventian.tbl_role_privileges (role_id, privilege_id) "
					+ "select ?, id from aventian.tbl_privileges where code = ?", roleId, code);
		}
		return roleId;
	}

	UUID resource(UUID teamId, Product product, String type, String name) {
		return this.jdbc.queryForObject("insert into aventian.tbl_resources (team_id, product_id, resource_type, external_id, "
				+ "display_name) values (?, ?, ?, ?, ?) returning id", UUID.class, teamId, product.id(), type,
				UUID.randomUUID().toString(), name);
	}

	/** Grants the role to the member, team-wide ({@code resourceId} null) or on one resource. */
	UUID grant(UUID teamId, UUID userId, UUID roleId, UUID resourceId) {
		return this.jdbc.queryForObject("insert into aventian.tbl_user_roles (team_id, user_id, role_id, resource_id) "
				+ "values (?, ?, ?, ?) returning id", UUID.class, teamId, userId, roleId, resourceId);
	}

	record Product(UUID id, String code) {
	}

}
