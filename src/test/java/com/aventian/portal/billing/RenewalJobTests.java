package com.aventian.portal.billing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import com.aventian.portal.MovableClock;
import com.aventian.portal.jobs.Jobs;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The renewal job on a cluster: whichever instances and runs meet, each period is billed once. */
@BillingTest
class RenewalJobTests {

	private static final String TWIN_TASK = "billing-renewal-twin";

	@Autowired
	BillingSubscriptions subscriptions;

	@Autowired
	Renewals renewals;

	@Autowired
	BillingFixtures fixtures;

	@Autowired
	MovableClock clock;

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcTemplate jdbc;

	Plan monthly;

	@BeforeEach
	void plan() {
		this.clock.set(Instant.parse("2027-01-01T10:00:00Z"));
		this.monthly = this.fixtures.plan(this.fixtures.product("Renewals"), "monthly", "EUR", 1000, BillingInterval.MONTH, 5,
				0, 0);
	}

	@AfterEach
	void cleanUp() {
		this.clock.reset();
		this.jdbc.update("delete from aventian.scheduled_tasks where task_name = ?", TWIN_TASK);
	}

	@Test
	void twoRunsAtOnceBillEachMissedPeriodOnce() throws Exception {
		// given a subscription from 1 January whose February, March and April periods are due
		UUID subscription = subscribe();
		this.clock.set(Instant.parse("2027-04-01T00:00:05Z"));

		// when two runs start at the same moment
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<?>> runs = List.of(pool.submit(() -> awaitThen(start, this.renewals::run)),
					pool.submit(() -> awaitThen(start, this.renewals::run)));
			start.countDown();
			for (Future<?> run : runs) {
				run.get();
			}
		}
		finally {
			pool.shutdownNow();
		}

		// then each period has one invoice
		assertThat(periodStarts(subscription)).containsExactly(Instant.parse("2027-01-01T00:00:00Z"),
				Instant.parse("2027-02-01T00:00:00Z"), Instant.parse("2027-03-01T00:00:00Z"),
				Instant.parse("2027-04-01T00:00:00Z"));
	}

	@Test
	void theRenewalJobStartedOnTwoInstancesBillsEachPeriodOnce() throws Exception {
		// given two more instances' schedulers on the portal's database, each running the renewal job every second
		UUID subscription = subscribe();
		this.clock.set(Instant.parse("2027-03-01T00:00:05Z"));
		Scheduler first = scheduler();
		Scheduler second = scheduler();

		// when both run for a few seconds
		first.start();
		second.start();
		Thread.sleep(4_000);
		first.stop();
		second.stop();

		// then February's and March's periods were billed once each
		assertThat(periodStarts(subscription)).containsExactly(Instant.parse("2027-01-01T00:00:00Z"),
				Instant.parse("2027-02-01T00:00:00Z"), Instant.parse("2027-03-01T00:00:00Z"));
		assertThat(this.jdbc.queryForObject(
				"select count(*) from aventian.tbl_subscription_billing where assoc_id = ? and period_start = ?", Long.class,
				subscription, java.sql.Timestamp.from(Instant.parse("2027-03-01T00:00:00Z"))))
			.isEqualTo(1);
	}

	private UUID subscribe() {
		BillingFixtures.Team team = this.fixtures.team("Renewals");
		return this.subscriptions.subscribe(team.owner().id(), "owner", team.id(), this.monthly.id().toString(), "1");
	}

	private List<Instant> periodStarts(UUID subscription) {
		return this.jdbc.queryForList(
				"select period_start from aventian.tbl_invoices where assoc_id = ? and kind = 'INVOICE' order by period_start",
				java.sql.Timestamp.class, subscription)
			.stream()
			.map(java.sql.Timestamp::toInstant)
			.toList();
	}

	private Scheduler scheduler() {
		RecurringTask<Void> task = Jobs.recurring(TWIN_TASK, "* * * * * *", this.renewals::run);
		return Scheduler.create(this.dataSource)
			.startTasks(task)
			.tableName("aventian.scheduled_tasks")
			.pollingInterval(Duration.ofMillis(200))
			.threads(2)
			.build();
	}

	private static void awaitThen(CountDownLatch start, Runnable work) {
		try {
			start.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		work.run();
	}

}
