package com.aventian.portal.ops;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Invocation;

import org.springframework.stereotype.Component;

/**
 * {@code aventian.db.statements}: how long each mapper statement takes, tagged with the mapper's simple name
 * and the statement (method) name, with fixed latency buckets so a slow statement shows in a histogram
 * query without a series per percentile. A MyBatis plugin: the starter installs every {@link Interceptor}
 * bean. A failing statement is timed too ({@code outcome=error}).
 * <p>
 * MyBatis hands every new executor (one per {@code SqlSession}: every statement outside a transaction) to
 * {@link #plugin}. Its default, {@code Plugin.wrap}, reads the {@code @Intercepts} signatures by reflection and
 * builds a {@code java.lang.reflect.Proxy} each time (1.5% of team home's CPU, issue 10); {@link TimedExecutor}
 * is a plain delegate that times {@code query} and {@code update} and passes every other call on.
 */
@Component
class StatementTimings implements Interceptor {

	static final String METRIC = "aventian.db.statements";

	private static final Duration[] BUCKETS = { Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
			Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
			Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5) };

	private final MeterRegistry registry;

	private final Map<String, Timer> timers = new ConcurrentHashMap<>();

	StatementTimings(MeterRegistry registry) {
		this.registry = registry;
	}

	/** Only executors: MyBatis also offers its statement, parameter and result-set handlers here. */
	@Override
	public Object plugin(Object target) {
		return (target instanceof Executor executor) ? new TimedExecutor(executor, this) : target;
	}

	/**
	 * The interface's generic form of the same timing, for an {@link Invocation} of an executor's
	 * {@code query} or {@code update} (whose first argument is the statement).
	 */
	@Override
	public Object intercept(Invocation invocation) throws Throwable {
		return time((MappedStatement) invocation.getArgs()[0], invocation::proceed);
	}

	/** A call that runs the statement; it throws what the executor (or the reflective call) throws. */
	@FunctionalInterface
	interface Statement<T, X extends Throwable> {

		T run() throws X;

	}

	<T, X extends Throwable> T time(MappedStatement statement, Statement<T, X> run) throws X {
		long start = System.nanoTime();
		String outcome = "error";
		try {
			T result = run.run();
			outcome = "success";
			return result;
		}
		finally {
			timer(statement.getId(), outcome).record(Duration.ofNanos(System.nanoTime() - start));
		}
	}

	private Timer timer(String statementId, String outcome) {
		return this.timers.computeIfAbsent(statementId + '/' + outcome, (key) -> {
			int method = statementId.lastIndexOf('.');
			String namespace = statementId.substring(0, Math.max(method, 0));
			return Timer.builder(METRIC)
				.description("Mapper statement latency")
				.tag("mapper", namespace.substring(namespace.lastIndexOf('.') + 1))
				.tag("statement", statementId.substring(method + 1))
				.tag("outcome", outcome)
				.serviceLevelObjectives(BUCKETS)
				.register(this.registry);
		});
	}

}
