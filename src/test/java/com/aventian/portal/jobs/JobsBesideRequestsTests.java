package com.aventian.portal.jobs;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jobs and the pages share one connection pool (issue 10: a smaller pool makes each statement cheaper for
 * PostgreSQL, docs/PERFORMANCE.md). The bound that keeps them apart is the pool's size against the jobs' threads: with
 * every job thread holding a connection at once, the pages still get theirs (none waits out the pool's timeout), and
 * the jobs still get theirs to finish while the pages keep the pool busy. A pool no larger than the jobs' threads
 * fails this.
 */
@PortalTest
@Import(JobsBesideRequestsTests.HoldingJobs.class)
class JobsBesideRequestsTests {

	private static final int CLIENTS = 16;

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	Jobs jobs;

	@Autowired
	JobsProperties properties;

	@Autowired
	DataSource dataSource;

	@Autowired
	MeterRegistry meters;

	@Autowired
	HoldingJobs holding;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void whileEveryJobThreadHoldsAConnectionPagesAreServedAndTheJobsStillFinishUnderTheirLoad() throws Exception {
		HikariDataSource pool = this.dataSource.unwrap(HikariDataSource.class);
		assertThat(pool.getMaximumPoolSize()).isGreaterThan(this.properties.threads());
		User owner = this.users.create("Jobs Beside");
		UUID team = this.users.team("Jobs Beside " + UUID.randomUUID(), owner);
		List<PortalHttp> clients = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			clients.add(this.users.signedIn(this.port, owner));
		}
		double timeoutsBefore = poolTimeouts();

		// given every job thread running a job that holds a connection
		int threads = this.properties.threads();
		this.holding.expect(threads);
		for (int i = 0; i < threads; i++) {
			this.jobs.schedule(this.holding.task.schedulableInstance("hold-" + UUID.randomUUID()));
		}
		assertThat(this.holding.held.await(60, TimeUnit.SECONDS)).as("every job thread holds a connection").isTrue();

		// when many pages are asked for at once, before and after the jobs let go
		AtomicBoolean loading = new AtomicBoolean(true);
		Queue<Integer> whileHeld = new ConcurrentLinkedQueue<>();
		Queue<Integer> afterwards = new ConcurrentLinkedQueue<>();
		AtomicBoolean held = new AtomicBoolean(true);
		ExecutorService load = Executors.newFixedThreadPool(CLIENTS);
		List<Future<?>> loaders = new ArrayList<>();
		try {
			for (PortalHttp client : clients) {
				loaders.add(load.submit(() -> {
					while (loading.get()) {
						HttpResponse<String> response = client.get("/teams/" + team + "/members", "HX-Request", "true");
						// answered before the jobs let go: it had a connection they did not hold
						(held.get() ? whileHeld : afterwards).add(response.statusCode());
					}
					return null;
				}));
			}
			TimeUnit.SECONDS.sleep(3);
			held.set(false);
			this.holding.release.countDown();

			// then the jobs get connections to finish among the pages' requests: their rows are gone
			assertThat(this.holding.finished.await(60, TimeUnit.SECONDS)).as("every holding job finished").isTrue();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (waitingOrRunning() > 0 && System.nanoTime() < deadline) {
				TimeUnit.MILLISECONDS.sleep(100);
			}
			assertThat(waitingOrRunning()).as("executions left in " + JobSchedulers.TABLE).isZero();
			TimeUnit.SECONDS.sleep(2);
		}
		finally {
			loading.set(false);
			load.shutdown();
		}
		for (Future<?> loader : loaders) {
			loader.get(60, TimeUnit.SECONDS);
		}

		// and pages were answered while the jobs held their connections, every page was served, none after waiting
		// out the pool
		assertThat(whileHeld).isNotEmpty().allMatch((status) -> status == 200);
		assertThat(afterwards).isNotEmpty().allMatch((status) -> status == 200);
		assertThat(poolTimeouts()).isEqualTo(timeoutsBefore);
	}

	private int waitingOrRunning() {
		return this.jdbc.queryForObject("select count(*) from " + JobSchedulers.TABLE + " where task_name = ?",
				Integer.class, HoldingJobs.NAME);
	}

	private double poolTimeouts() {
		return this.meters.get("hikaricp.connections.timeout").counter().count();
	}

	/** A job that takes a pooled connection, uses it and keeps it until released. */
	@TestConfiguration(proxyBeanMethods = false)
	static class HoldingJobs {

		static final String NAME = "test-hold-connection";

		private final DataSource dataSource;

		final OneTimeTask<Void> task;

		volatile CountDownLatch held = new CountDownLatch(0);

		volatile CountDownLatch release = new CountDownLatch(0);

		volatile CountDownLatch finished = new CountDownLatch(0);

		HoldingJobs(DataSource dataSource) {
			this.dataSource = dataSource;
			this.task = Tasks.oneTime(NAME).execute((instance, context) -> hold());
		}

		@Bean
		OneTimeTask<Void> holdConnectionTask() {
			return this.task;
		}

		void expect(int jobs) {
			this.held = new CountDownLatch(jobs);
			this.release = new CountDownLatch(1);
			this.finished = new CountDownLatch(jobs);
		}

		private void hold() {
			try (Connection connection = this.dataSource.getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("select 1");
				this.held.countDown();
				this.release.await(60, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			this.finished.countDown();
		}

	}

}
