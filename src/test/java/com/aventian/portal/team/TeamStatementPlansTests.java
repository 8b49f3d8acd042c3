package com.aventian.portal.team;

import java.util.Map;
import java.util.UUID;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Team home's and the switcher's statements run on the plan PostgreSQL cached for the connection, not planned again
 * on every request (issue 10: planning one of them costs PostgreSQL 0.35-0.5 ms, many times the 0.02-0.08 ms the
 * statement itself costs). The JDBC driver prepares a statement on the server from its fifth use on a connection;
 * PostgreSQL then plans it for the first five executions with the values given and afterwards keeps the generic
 * plan, unless that plan's estimated cost is higher: a statement changed so that it is would be planned on every
 * request again, which no answer shows. Each test runs in one transaction, so that every statement and the
 * connection's list of prepared statements (pg_prepared_statements, per connection) are on one connection.
 */
@PortalTest
class TeamStatementPlansTests {

	private static final int WARM_UP = 12;

	private static final int STEADY = 10;

	@Autowired
	TestUsers users;

	@Autowired
	TeamService teams;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void theSwitchersStatementRunsOnItsCachedGenericPlan() {
		User owner = this.users.create("Mia Owner");
		this.users.team("Planned " + UUID.randomUUID(), owner);
		this.users.team("Planned " + UUID.randomUUID(), owner);

		assertEveryLaterRunUsesTheGenericPlan("group by t.id, t.name, m.joined_at", () -> this.teams.teamsOf(owner.id()));
	}

	private void assertEveryLaterRunUsesTheGenericPlan(String statementPart, Runnable statement) {
		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> {
			for (int run = 0; run < WARM_UP; run++) {
				statement.run();
			}
			Map<String, Object> before = plans(statementPart);
			for (int run = 0; run < STEADY; run++) {
				statement.run();
			}
			Map<String, Object> after = plans(statementPart);
			assertThat(after.get("custom_plans")).isEqualTo(before.get("custom_plans"));
			assertThat((Long) after.get("generic_plans")).isEqualTo((Long) before.get("generic_plans") + STEADY);
			status.setRollbackOnly();
		});
	}

	private Map<String, Object> plans(String statementPart) {
		return this.jdbc.queryForMap("select generic_plans, custom_plans from pg_prepared_statements"
				+ " where not from_sql and strpos(statement, ?) > 0", statementPart);
	}

}
