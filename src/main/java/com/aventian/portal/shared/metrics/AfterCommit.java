package com.aventian.portal.shared.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts what a change did once its transaction has committed (at once outside a transaction): an invoice
 * whose issue rolled back gave its number back and must not be counted as issued.
 */
public final class AfterCommit {

	private AfterCommit() {
	}

	/** Increments the counter {@code name} with the tags (key, value, ...) after the current transaction commits. */
	public static void count(MeterRegistry meters, String name, String... tags) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			meters.counter(name, tags).increment();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				meters.counter(name, tags).increment();
			}
		});
	}

}
