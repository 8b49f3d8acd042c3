package com.aventian.portal.ops;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.aventian.portal.PortalTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.transaction.Transaction;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The statement timer as MyBatis installs it: a plain delegating executor per session, no reflective proxy,
 * and still one measurement per statement under the metric, tags and outcomes the alerts read.
 */
@PortalTest
class StatementTimingsTests {

	private static final String FIND_TEAM_OF_MEMBER = "com.aventian.portal.team.TeamMapper.findTeamOfMember";

	@Autowired
	SqlSessionFactory sessions;

	@Autowired
	MeterRegistry registry;

	@Test
	void everyNewExecutorIsWrappedByAPlainDelegateNotAReflectiveProxy() {
		// given MyBatis's configuration with the portal's plugins
		Transaction transaction = this.sessions.getConfiguration()
			.getEnvironment()
			.getTransactionFactory()
			.newTransaction(this.sessions.getConfiguration().getEnvironment().getDataSource(), null, false);

		// when it makes an executor, as it does for every SqlSession
		Executor executor = this.sessions.getConfiguration().newExecutor(transaction);

		// then the executor is the hand-written delegate
		assertThat(executor).isInstanceOf(TimedExecutor.class);
		assertThat(Proxy.isProxyClass(executor.getClass())).isFalse();
		executor.close(false);
	}

	@Test
	void aStatementOutsideATransactionIsTimedOnceAsSuccess() {
		// given the count so far of the header's statement
		double before = count("success");

		// when it runs once in a session of its own
		try (SqlSession session = this.sessions.openSession()) {
			List<Object> rows = session.selectList(FIND_TEAM_OF_MEMBER,
					Map.of("teamId", UUID.randomUUID(), "userId", UUID.randomUUID()));
			assertThat(rows).isEmpty();
		}

		// then one more measurement, under the mapper's simple name and the statement's
		assertThat(count("success")).isEqualTo(before + 1);
	}

	@Test
	void aFailingStatementIsTimedOnceAsError() {
		// given the count so far of the statement's failures
		double before = count("error");

		// when PostgreSQL refuses it (text compared with a uuid column)
		try (SqlSession session = this.sessions.openSession()) {
			assertThatThrownBy(
					() -> session.selectList(FIND_TEAM_OF_MEMBER, Map.of("teamId", "not a uuid", "userId", "nor this")))
				.isInstanceOf(RuntimeException.class);
		}

		// then it is measured with outcome=error
		assertThat(count("error")).isEqualTo(before + 1);
	}

	private double count(String outcome) {
		Timer timer = this.registry.find(StatementTimings.METRIC)
			.tags("mapper", "TeamMapper", "statement", "findTeamOfMember", "outcome", outcome)
			.timer();
		return (timer != null) ? timer.count() : 0;
	}

}
