package com.aventian.portal;

import java.util.ArrayList;
import java.util.List;

import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;

import org.springframework.stereotype.Component;

/**
 * Counts the mapper statements run on the current thread while recording, so a test can assert how many
 * queries a service call costs. A MyBatis plugin: the starter installs every {@link Interceptor} bean.
 */
@Component
@Intercepts({
		@Signature(type = Executor.class, method = "query",
				args = { MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class }),
		@Signature(type = Executor.class, method = "update", args = { MappedStatement.class, Object.class }) })
public class StatementCounter implements Interceptor {

	private static final ThreadLocal<List<String>> RECORDED = new ThreadLocal<>();

	/** The ids of the statements {@code work} ran on this thread, in order. */
	public static List<String> statementsOf(Runnable work) {
		List<String> statements = new ArrayList<>();
		RECORDED.set(statements);
		try {
			work.run();
		}
		finally {
			RECORDED.remove();
		}
		return statements;
	}

	@Override
	public Object intercept(Invocation invocation) throws Throwable {
		List<String> statements = RECORDED.get();
		if (statements != null) {
			statements.add(((MappedStatement) invocation.getArgs()[0]).getId());
		}
		return invocation.proceed();
	}

}
