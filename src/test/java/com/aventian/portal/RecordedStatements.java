package com.aventian.portal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;

import org.springframework.boot.test.context.TestConfiguration;

/**
 * Records which mapper statements the portal runs (as {@code Mapper.method}, with their parameters), so a
 * test can count the queries and writes one request makes. Import it into a {@link PortalTest}; the
 * MyBatis starter registers it as a plugin of every session.
 */
@TestConfiguration(proxyBeanMethods = false)
@Intercepts({
		@Signature(type = Executor.class, method = "query",
				args = { MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class }),
		@Signature(type = Executor.class, method = "update", args = { MappedStatement.class, Object.class }) })
public class RecordedStatements implements Interceptor {

	private final List<Statement> statements = new CopyOnWriteArrayList<>();

	private volatile boolean recording;

	@Override
	public Object intercept(Invocation invocation) throws Throwable {
		if (this.recording) {
			MappedStatement statement = (MappedStatement) invocation.getArgs()[0];
			String id = statement.getId();
			this.statements.add(new Statement(id.substring(id.lastIndexOf('.', id.lastIndexOf('.') - 1) + 1),
					invocation.getArgs()[1]));
		}
		return invocation.proceed();
	}

	/** Forgets what was recorded and records from now on. */
	public void start() {
		this.statements.clear();
		this.recording = true;
	}

	/** Stops recording and returns what ran since {@link #start()}. */
	public List<Statement> stop() {
		this.recording = false;
		return List.copyOf(this.statements);
	}

	/** A statement that ran: its name as {@code TeamMapper.findTeamsOfUser}, and what was bound to it. */
	public record Statement(String name, Object parameter) {
	}

}
