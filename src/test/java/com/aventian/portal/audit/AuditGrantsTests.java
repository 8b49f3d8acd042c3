package com.aventian.portal.audit;

import java.sql.SQLException;

import com.aventian.portal.PortalTest;
import com.aventian.portal.local.EmbeddedServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The portal runs as a role that may only add and read audit rows (V16): what it wrote, it can neither
 * change nor remove, and it owns no table, so it cannot drop one either. Retention still works through
 * the partition functions.
 */
@PortalTest
class AuditGrantsTests {

	/** PostgreSQL's insufficient_privilege. */
	private static final String REFUSED = "42501";

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AuditPartitions partitions;

	@Test
	void thePortalConnectsAsTheApplicationRoleNotAsAnOwner() {
		assertThat(this.jdbc.queryForObject("select current_user", String.class)).isEqualTo(EmbeddedServices.APPLICATION_USER);
		assertThat(this.jdbc.queryForObject("select rolsuper or rolcreaterole or rolcreatedb from pg_roles where rolname = current_user",
				Boolean.class)).isFalse();
		assertThat(this.jdbc.queryForObject("select pg_has_role(current_user, 'aventian_app', 'member')", Boolean.class)).isTrue();
	}

	@Test
	void auditRowsCanBeAddedAndRead() {
		this.jdbc.update("insert into aventian_audit.tbl_audit_events (action, target_type, target_id) values ('TEAM_RENAMED', 'grants', 'readable')");
		this.jdbc.update("insert into aventian_audit.tbl_login_activity (user_email, action) values ('grants@example.com', 'LOGIN')");

		assertThat(this.jdbc.queryForObject("select count(*) from aventian_audit.tbl_audit_events where target_id = 'readable'",
				Integer.class)).isEqualTo(1);
		assertThat(this.jdbc.queryForObject(
				"select count(*) from aventian_audit.tbl_login_activity where user_email = 'grants@example.com'", Integer.class))
			.isPositive();
	}

	@ParameterizedTest
	@ValueSource(strings = { "update aventian_audit.tbl_audit_events set action = 'TEAM_CREATED'",
			"delete from aventian_audit.tbl_audit_events",
			"truncate aventian_audit.tbl_audit_events",
			"update aventian_audit.tbl_login_activity set user_email = 'someone@example.com'",
			"delete from aventian_audit.tbl_login_activity",
			"delete from aventian_audit.tbl_audit_events_default",
			"drop table aventian_audit.tbl_audit_events_default",
			"alter table aventian_audit.tbl_audit_events detach partition aventian_audit.tbl_audit_events_default",
			"create table aventian_audit.sneaky (id int)",
			"delete from aventian.flyway_schema_history where version = '16'" })
	void changingOrRemovingAuditRowsIsRefused(String statement) {
		assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> this.jdbc.execute(statement))
			.satisfies((ex) -> assertThat(((SQLException) ex.getMostSpecificCause()).getSQLState())
				.as(ex.getMostSpecificCause().getMessage())
				.isEqualTo(REFUSED));
	}

	@Test
	void thePartitionUpkeepStillRunsAsTheApplicationRole() {
		AuditPartitions.Upkeep upkeep = this.partitions.maintain();

		assertThat(upkeep.created()).isGreaterThanOrEqualTo(0);
		assertThat(this.jdbc.queryForObject("select count(*) from pg_class where relname = 'tbl_audit_events_' || "
				+ "to_char((now() at time zone 'UTC')::date + 7, 'YYYYMMDD')", Integer.class)).isEqualTo(1);
	}

}
