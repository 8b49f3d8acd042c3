package com.aventian.portal.ops;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.ibatis.cache.CacheKey;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;

import org.springframework.stereotype.Component;

/**
 * {@code aventian.db.statements}: how long each mapper statement takes, tagged with the mapper's simple name
 * and the statement (method) name, with fixed latency buckets so a slow statement shows in a histogram
 * query without a series per percentile. A MyBatis plugin: the starter installs every {@link Interceptor}
 * bean. A failing statement is timed too ({@code outcome=error}).
 */
@Component
@Intercepts({
		@Signature(type = Executor.class, method = "query",
				args = { MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class }),
		@Signature(type = Executor.class, method = "query",
				args = { MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class, CacheKey.class,
						BoundSql.class }),
		@Signature(type = Executor.class, method = "update", args = { MappedStatement.class, Object.class }) })
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

	@Override
	public Object intercept(Invocation invocation) throws Throwable {
		String id = ((MappedStatement) invocation.getArgs()[0]).getId();
		long start = System.nanoTime();
		String outcome = "error";
		try {
			Object result = invocation.proceed();
			outcome = "success";
			return result;
		}
		finally {
			timer(id, outcome).record(Duration.ofNanos(System.nanoTime() - start));
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
