package com.aventian.portal.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Calls made from several threads released together, as a product's servers call with one key. */
final class Concurrently {

	private Concurrently() {
	}

	/** {@code threads} threads, started at once, each making {@code callsEach} calls; every call's result. */
	static <T> List<T> call(int threads, int callsEach, Callable<T> call) {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<List<T>>> results = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				results.add(pool.submit(() -> {
					start.await();
					List<T> each = new ArrayList<>();
					for (int i = 0; i < callsEach; i++) {
						each.add(call.call());
					}
					return each;
				}));
			}
			start.countDown();
			List<T> all = new ArrayList<>();
			for (Future<List<T>> result : results) {
				all.addAll(result.get());
			}
			return all;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			pool.shutdownNow();
		}
	}

}
