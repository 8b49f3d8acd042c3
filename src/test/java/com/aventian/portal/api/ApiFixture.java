package com.aventian.portal.api;

import java.util.UUID;

import com.aventian.portal.apikey.ApiKeys;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Products, keys, associations, privileges, roles, resources and grants for API tests, written straight
 * into the schema (the registry's pages belong to another part of the work), keys made by the real
 * {@link ApiKeys}. Every call makes fresh, unique rows.
 */
@Component
class ApiFixture {

	private final JdbcTemplate jdbc;

	private final ApiKeys keys;

	ApiFixture(JdbcTemplate jdbc, ApiKeys keys) {
		this.jdbc = jdbc;
		this.keys = keys;
	}

	/** A new product with resource types {@code contact} and {@code pipeline}. */
	Product product() {
		String code = "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		UUID id = this.jdbc.queryForObject("insert into aventian.tbl_master_products (code, name, allowed_resource_types) "
				+ "values (?, ?, array['contact', 'pipeline']) returning id", UUID.class, code, "Product " + code);
		return new Product(id, code);
	}

	/** A valid key of the product (until revoked). */
	String key(Product product) {
		return this.keys.create(product.id(), "test key", null, null, null).secret();
	}

	/** The team gets the product (an association row, as a subscription will make). */
	void associate(UUID teamId, Product product) {
		this.jdbc.update("insert into aventian.tbl_team_product_assoc (team_id, product_id, status) values (?, ?, 'ACTIVE')",
				teamId, product.id());
	}

	String privilege(Product product, String suffix) {
		String code = product.code() + "." + suffix;
		this.jdbc.update("insert into aventian.tbl_privileges (code, description, product_id, resource_type) values (?, ?, ?, ?)",
				code, "Lets one " + suffix, product.id(), suffix.contains(".") ? suffix.split("\\.")[0] : null);
		return code;
	}

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

	/** A grant written straight into the table: only before anything read the member's privileges (no eviction). */
	UUID grant(UUID teamId, UUID userId, UUID roleId, UUID resourceId) {
		return this.jdbc.queryForObject("insert into aventian.tbl_user_roles (team_id, user_id, role_id, resource_id) "
				+ "values (?, ?, ?, ?) returning id", UUID.class, teamId, userId, roleId, resourceId);
	}

	void expire(String key) {
		this.jdbc.update("update aventian.tbl_api_keys set created_at = now() - interval '2 days', "
				+ "expires_at = now() - interval '1 day' where prefix = ?", key.substring(0, 12));
	}


	record Product(UUID id, String code) {
	}

}
