package com.aventian.portal.local;

import java.util.List;
import java.util.Map;

import com.aventian.portal.PortalTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Local mode's demo data starts with the portal (the same listener local mode runs) and holds the two demo
 * products, the teams that have them, their resources and grants narrowed to one; a restart adds nothing.
 */
@PortalTest
@Import(LocalDemoData.class)
class LocalDemoDataTests {

	@Autowired
	LocalDemoData demo;

	@Autowired
	JdbcTemplate jdbc;

	String counts() {
		return this.jdbc.queryForObject("""
				select (select count(*) from aventian.tbl_users) || ':' || (select count(*) from aventian.tbl_teams) || ':'
				  || (select count(*) from aventian.tbl_master_products) || ':' || (select count(*) from aventian.tbl_resources) || ':'
				  || (select count(*) from aventian.tbl_user_roles) || ':' || (select count(*) from aventian.tbl_invitations) || ':'
				  || (select count(*) from aventian.tbl_plans)""",
				String.class);
	}

	@Test
	void theDemoProductsTheirTeamsResourcesAndNarrowedGrantsAreThereAndARestartAddsNothing() throws Exception {
		List<Map<String, Object>> products = this.jdbc.queryForList("""
				select code, status, provisioning_script_path, array_to_string(allowed_resource_types, ',') as types,
				       (select count(*) from aventian.tbl_privileges p where p.product_id = m.id) as privileges,
				       (select count(*) from aventian.tbl_role_templates t where t.product_id = m.id) as templates,
				       (select count(*) from aventian.tbl_team_product_assoc a where a.product_id = m.id) as teams
				from aventian.tbl_master_products m where code in ('crm', 'analytics') order by code""");
		assertThat(products).extracting((row) -> row.get("code") + ":" + row.get("status") + ":" + row.get("provisioning_script_path")
				+ ":" + row.get("types") + ":" + row.get("privileges") + ":" + row.get("templates") + ":" + row.get("teams"))
			.containsExactly("analytics:ACTIVE:analytics/provision.sql:dashboard:3:2:2",
					"crm:ACTIVE:crm/provision.sql:contact,pipeline:6:3:2");
		assertThat(this.jdbc.queryForList("""
				select r.name || ':' || r.system || ':' || r.visible from aventian.tbl_roles r
				join aventian.tbl_teams t on t.id = r.team_id where t.name = 'Acme Demo' and r.product_id is not null order by r.name""",
				String.class))
			.containsExactly("Analytics Editor:false:true", "Analytics Viewer:false:true", "CRM Manager:false:true",
					"CRM Sales rep:false:true", "CRM Sync service:true:false");
		assertThat(this.jdbc.queryForList("""
				select u.display_name || ' ' || r.name || ' on ' || res.display_name
				from aventian.tbl_user_roles ur join aventian.tbl_users u on u.id = ur.user_id
				join aventian.tbl_roles r on r.id = ur.role_id join aventian.tbl_resources res on res.id = ur.resource_id
				order by u.display_name""", String.class))
			.contains("Emma Schulz CRM Sales rep on EMEA pipeline", "Farah Haddad CRM Sales rep on Initech",
					"Gabriel Moreau Analytics Viewer on Revenue");
		assertThat(this.jdbc.queryForList("""
				select t.name || ' ' || mp.code || ' ' || p.code || ' ' || s.status from aventian.tbl_subscription_billing s
				join aventian.tbl_teams t on t.id = s.team_id join aventian.tbl_plans p on p.id = s.plan_id
				join aventian.tbl_master_products mp on mp.id = p.product_id
				where mp.code in ('crm', 'analytics') order by 1""", String.class))
			.containsExactly("Acme Demo analytics team ACTIVE", "Acme Demo crm starter TRIALING",
					"Northwind Labs crm business-yearly ACTIVE");
		assertThat(this.jdbc.queryForObject("""
				select count(*) from aventian.tbl_invoices i join aventian.tbl_teams t on t.id = i.team_id
				where t.name in ('Acme Demo', 'Northwind Labs') and i.status = 'OPEN'""", Integer.class)).isEqualTo(2);
		String before = counts();

		this.demo.createAndPrint();

		assertThat(counts()).isEqualTo(before);
	}

}
