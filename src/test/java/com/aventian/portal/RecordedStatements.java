package com.aventian.portal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.SqlCommandType;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Records which mapper statements the portal runs (as {@code Mapper.method}, with their parameters), so a
 * test can count the queries and writes one request or one service call makes. A MyBatis plugin: being a
 * component of the test tree, every test context has it and the starter installs it in every session.
 * Only statements of web requests and of the thread that started recording count, so a background job
 * running meanwhile (mail, clean-ups) does not make a count flaky.
 */
@Component
@Intercepts({
		@Signature(type = Executor.class, method = "query",
				args = { MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class }),
		@Signature(type = Executor.class, method = "update", args = { MappedStatement.class, Object.class }) })
public class RecordedStatements implements Interceptor {

	private final List<Statement> statements = new CopyOnWriteArrayList<>();

	private volatile Thread recorder;

	@Override
	public Object intercept(Invocation invocation) throws Throwable {
		Thread recording = this.recorder;
		if (recording != null
				&& (Thread.currentThread() == recording || RequestContextHolder.getRequestAttributes() != null)) {
			MappedStatement statement = (MappedStatement) invocation.getArgs()[0];
			String id = statement.getId();
			this.statements.add(new Statement(id.substring(id.lastIndexOf('.', id.lastIndexOf('.') - 1) + 1),
					invocation.getArgs()[1], statement.getSqlCommandType()));
		}
		return invocation.proceed();
	}

	/** Forgets what was recorded and records from now on. */
	public void start() {
		this.statements.clear();
		this.recorder = Thread.currentThread();
	}

	/** Stops recording and returns what ran since {@link #start()}. */
	public List<Statement> stop() {
		this.recorder = null;
		return List.copyOf(this.statements);
	}

	/** What {@code work} ran, in order. */
	public List<Statement> during(Runnable work) {
		start();
		try {
			work.run();
		}
		finally {
			this.recorder = null;
		}
		return List.copyOf(this.statements);
	}

	/**
	 * A statement that ran: its name as {@code TeamMapper.findTeamsOfUser}, what was bound to it, and its
	 * kind (a write is an {@code INSERT}, {@code UPDATE} or {@code DELETE}).
	 */
	public record Statement(String name, Object parameter, SqlCommandType type) {

		public boolean isWrite() {
			return this.type == SqlCommandType.INSERT || this.type == SqlCommandType.UPDATE
					|| this.type == SqlCommandType.DELETE;
		}

	}

}
