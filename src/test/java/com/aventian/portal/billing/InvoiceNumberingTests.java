package com.aventian.portal.billing;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Invoice numbers: one platform sequence, unique and without gaps under concurrency; issued means final. */
@BillingTest
class InvoiceNumberingTests {

	@Autowired
	Invoices invoices;

	@Autowired
	BillingFixtures fixtures;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void fiftyParallelIssuesGetFiftyDistinctConsecutiveNumbers() throws Exception {
		// given a team, and fifty issues started at the same moment
		BillingFixtures.Team team = this.fixtures.team("Numbers");
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(50);
		List<Future<Long>> issued = new ArrayList<>();
		try {
			for (int i = 0; i < 50; i++) {
				issued.add(pool.submit((Callable<Long>) () -> {
					start.await();
					return this.transactions.execute((tx) -> this.invoices.issue(credit(team.id(), 100), null, "test").number());
				}));
			}
			// when they run at once
			start.countDown();
			List<Long> numbers = new ArrayList<>();
			for (Future<Long> number : issued) {
				numbers.add(number.get());
			}

			// then the numbers are distinct and consecutive: no gap, no duplicate
			long first = numbers.stream().mapToLong(Long::longValue).min().orElseThrow();
			assertThat(numbers).containsExactlyInAnyOrderElementsOf(LongStream.range(first, first + 50).boxed().toList());
			assertThat(this.jdbc.queryForObject("select count(*) from aventian.tbl_invoices where team_id = ?", Long.class,
					team.id())).isEqualTo(50);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aRolledBackIssueGivesItsNumberBack() {
		BillingFixtures.Team team = this.fixtures.team("Rollback");
		long before = this.transactions.execute((tx) -> this.invoices.issue(credit(team.id(), 100), null, "test").number());

		// when an issue fails after taking its number
		assertThatThrownBy(() -> this.transactions.executeWithoutResult((tx) -> {
			this.invoices.issue(credit(team.id(), 100), null, "test");
			throw new IllegalStateException("something later in the transaction failed");
		})).isInstanceOf(IllegalStateException.class);
		long after = this.transactions.execute((tx) -> this.invoices.issue(credit(team.id(), 100), null, "test").number());

		// then the next issue takes the number that was given back (others may have issued in between)
		assertThat(after).isGreaterThan(before);
		assertThat(this.jdbc.queryForObject("select count(*) from aventian.tbl_invoices where number > ? and number < ?",
				Long.class, before, after)).isEqualTo(after - before - 1);
	}

	@Test
	void anIssuedInvoiceCannotBeChangedOrDeletedEvenBySql() {
		BillingFixtures.Team team = this.fixtures.team("Immutable");
		Invoice invoice = this.transactions.execute((tx) -> this.invoices.issue(credit(team.id(), 100), null, "test"));

		assertThatThrownBy(() -> this.jdbc.update("update aventian.tbl_invoices set total_minor = 1 where id = ?", invoice.id()))
			.hasMessageContaining("an issued invoice never changes");
		assertThatThrownBy(() -> this.jdbc.update("update aventian.tbl_invoice_lines set amount_minor = 1 where invoice_id = ?",
				invoice.id()))
			.hasMessageContaining("never change");
		assertThatThrownBy(() -> this.jdbc.update("delete from aventian.tbl_invoices where id = ?", invoice.id()))
			.hasMessageContaining("never deleted");
		// only the payment status moves, and only forward
		assertThat(this.jdbc.update("update aventian.tbl_invoices set status = 'PAID', paid_at = now() where id = ?",
				invoice.id())).isEqualTo(1);
		assertThatThrownBy(() -> this.jdbc.update("update aventian.tbl_invoices set status = 'OPEN' where id = ?", invoice.id()))
			.hasMessageContaining("an issued invoice never changes");
		assertThat(this.invoices.invoice(invoice.id()).totalMinor()).isEqualTo(100);
	}

	/** A one-line invoice of a team with no subscription (the numbering does not care what is billed). */
	private static InvoiceDraft credit(UUID teamId, long amount) {
		return InvoiceDraft.invoice("PRORATION", teamId, null, "EUR", null, null)
			.line("PLAN", "Numbering test", 1, new Money(amount, "EUR"));
	}

}
