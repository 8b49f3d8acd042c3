package com.aventian.portal;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@PortalTest
class SchemaMigrationTests {

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void flywayCreatesEveryApplicationTableInSchemaAventian() {
		List<String> tables = tablesOf("aventian");
		assertThat(tables).contains("tbl_users", "tbl_user_identities", "tbl_teams", "tbl_memberships", "tbl_roles",
				"tbl_privileges", "tbl_role_privileges", "tbl_user_roles", "tbl_invitations", "tbl_master_products",
				"tbl_team_product_assoc", "team_db_connections", "tbl_secret_pointers", "flyway_schema_history");
	}

	@Test
	void flywayCreatesTheAuditTablesPartitionedByDayWithADefaultPartition() {
		for (String table : List.of("tbl_audit_events", "tbl_login_activity")) {
			String today = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE);
			String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).format(DateTimeFormatter.BASIC_ISO_DATE);
			assertThat(partitionsOf(table)).contains(table + "_default", table + "_" + today, table + "_" + tomorrow);
			assertThat(this.jdbc.queryForObject("""
					select c.relkind::text from pg_class c join pg_namespace n on n.oid = c.relnamespace
					where n.nspname = 'aventian_audit' and c.relname = ?""", String.class, table)).isEqualTo("p");
		}
	}

	@Test
	void loginActivityHasTheColumnsOfTheArchitectureNote() {
		assertThat(this.jdbc.queryForList("""
				select column_name || ':' || data_type from information_schema.columns
				where table_schema = 'aventian_audit' and table_name = 'tbl_login_activity'""", String.class))
			.contains("user_email:text", "team_id:uuid", "product_id:uuid", "action:text",
					"timestamp:timestamp with time zone", "ip:inet");
	}

	@Test
	void theSeededRoleTemplatesHoldThePrivilegesOfTheProduct() {
		assertThat(privilegesOfTemplate("Owner")).hasSize(12);
		assertThat(privilegesOfTemplate("Admin")).hasSize(10).doesNotContain("team.delete", "billing.manage");
		assertThat(privilegesOfTemplate("Member")).containsExactly("members.read", "team.read");
		assertThat(privilegesOfTemplate("Billing manager")).containsExactly("billing.manage", "billing.read", "team.read");
		assertThat(privilegesOfTemplate("Viewer")).containsExactly("team.read");
	}

	@Test
	void emailsAreUniqueWhateverTheirCase() {
		this.jdbc.update("insert into aventian.tbl_users (email, display_name) values ('Case@Example.com', 'A')");
		try {
			assertThat(this.jdbc.queryForObject("""
					select count(*) from pg_indexes where schemaname = 'aventian' and indexname = 'ux_users_email_lower'""",
					Integer.class)).isEqualTo(1);
			assertThatThrownBy(() -> this.jdbc.update("insert into aventian.tbl_users (email, display_name) values ('case@example.COM', 'B')"))
				.hasMessageContaining("ux_users_email_lower");
		}
		finally {
			this.jdbc.update("delete from aventian.tbl_users where lower(email) = 'case@example.com'");
		}
	}

	private List<String> tablesOf(String schema) {
		return this.jdbc.queryForList("select table_name from information_schema.tables where table_schema = ?",
				String.class, schema);
	}

	private List<String> partitionsOf(String table) {
		return this.jdbc.queryForList("""
				select c.relname from pg_inherits i
				join pg_class c on c.oid = i.inhrelid
				join pg_class p on p.oid = i.inhparent
				join pg_namespace n on n.oid = p.relnamespace
				where n.nspname = 'aventian_audit' and p.relname = ?""", String.class, table);
	}

	private List<String> privilegesOfTemplate(String role) {
		return this.jdbc.queryForList("""
				select p.code from aventian.tbl_role_templates r
				join aventian.tbl_role_template_privileges rp on rp.template_id = r.id
				join aventian.tbl_privileges p on p.id = rp.privilege_id
				where r.product_id is null and r.name = ? order by p.code""", String.class, role);
	}

}
