package com.aventian.portal.config;

import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;

import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslVerifyMode;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.jedis.JedisExceptionConverter;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Blocking connections to Redis for the request's read of its own session ({@link SessionReads}): the
 * session's {@code HGETALL} and the disabled mark's {@code EXISTS} written to a socket and their answers read
 * back by the request's thread itself. Through Lettuce the same read is handed to its event loop and back (the
 * request thread wakes the loop, parks on the answer's future and is woken by it: futex calls, two context
 * switches and the loop's own work), which cost two thirds of what a session adds to a request
 * (docs/PERFORMANCE.md, "The session's cost, fourth look").
 * <p>
 * The connections use the settings of the Lettuce connection factory Boot made ({@code spring.data.redis.*}:
 * host, port, database, username and password, client name, TLS with its SSL bundle and its peer
 * verification, the command timeout as the socket's read timeout and the connect timeout), so the read goes
 * where every other command goes. Where those settings are not a single server reachable that way (Sentinel,
 * cluster, replicas, STARTTLS, credentials from a provider, TLS without peer verification) there are no
 * connections here and the read stays on Lettuce's path.
 * <p>
 * At most {@link #MOST} connections are open; a read that finds none free while that many are in use is not
 * made to wait: it is answered {@code null} and goes through Lettuce, as before. A connection that fails is
 * closed, never reused. Redis restarted, or a connection closed while idle, breaks the idle connections
 * too: they are all closed, and the read, which changes nothing, is made once more on a new connection, so a
 * restart costs no request once Redis answers again. A new connection is never tried twice: while Redis is down
 * every read fails at once (a refused connection), or after one connect timeout when nothing answers, and is
 * translated as Spring Data Redis translates Jedis's failures, so a page shows the same outage answer as for any
 * other command.
 */
@Component
class SessionReadConnections implements DisposableBean {

	/** Open connections at most; more concurrent reads than this go through Lettuce. */
	static final int MOST = 16;

	private static final JedisExceptionConverter FAILURES = new JedisExceptionConverter();

	/** Null when the configured Redis is not one the connections can reproduce exactly (see above). */
	private final HostAndPort server;

	private final JedisClientConfig config;

	private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();

	private final AtomicInteger open = new AtomicInteger();

	private volatile boolean closed;

	SessionReadConnections(RedisConnectionFactory factory, ObjectProvider<DataRedisConnectionDetails> details) {
		DataRedisConnectionDetails connection = details.getIfAvailable();
		if (factory instanceof LettuceConnectionFactory lettuce && connection != null && isSingleServer(lettuce, connection)) {
			this.server = new HostAndPort(lettuce.getHostName(), lettuce.getPort());
			this.config = configOf(lettuce, connection.getSslBundle());
		}
		else {
			this.server = null;
			this.config = null;
		}
	}

	/** How many connections are open now, in use or idle (at most {@link #MOST}). */
	int openConnections() {
		return this.open.get();
	}

	/** Whether the read has connections of its own (a single server, reachable as Lettuce reaches it). */
	boolean available() {
		return this.server != null;
	}

	/**
	 * {@code HGETALL key} and {@code EXISTS mark}, written together and read back on this thread; null when
	 * every connection is in use (the caller reads through Lettuce instead).
	 * @throws DataAccessException as Spring Data Redis translates Jedis's failures
	 */
	Replies read(byte[] key, byte[] mark) {
		try {
			Connection reused = this.idle.pollFirst();
			if (reused != null) {
				try {
					return readOn(reused, key, mark);
				}
				catch (JedisConnectionException ex) {
					if (timedOut(ex)) {
						throw ex;
					}
					// an idle connection broken: after a restart of Redis the other idle ones are broken too
					closeIdle();
				}
			}
			// made once only: a connection that cannot be made (refused, or no answer within the connect timeout)
			// fails the read, it is not tried again (Jedis keeps a connect timeout as a suppressed exception only)
			Connection opened = open();
			return (opened != null) ? readOn(opened, key, mark) : null;
		}
		catch (JedisException ex) {
			throw translated(ex);
		}
	}

	private Replies readOn(Connection connection, byte[] key, byte[] mark) {
		boolean reusable = false;
		try {
			connection.sendCommand(Protocol.Command.HGETALL, key);
			connection.sendCommand(Protocol.Command.EXISTS, mark);
			// both answers are read even when one is an error, so the connection stays in step
			List<Object> answers = connection.getMany(2);
			reusable = !connection.isBroken();
			return new Replies(answerOf(answers.get(0)), answerOf(answers.get(1)));
		}
		finally {
			give(connection, reusable);
		}
	}

	@SuppressWarnings("unchecked")
	private static <T> T answerOf(Object answer) {
		if (answer instanceof JedisException ex) {
			throw ex;
		}
		return (T) answer;
	}

	/** A new connection while fewer than {@link #MOST} are open, else null. */
	private Connection open() {
		if (this.open.incrementAndGet() > MOST) {
			this.open.decrementAndGet();
			return null;
		}
		try {
			return new Connection(this.server, this.config);
		}
		catch (RuntimeException ex) {
			this.open.decrementAndGet();
			throw ex;
		}
	}

	private void give(Connection connection, boolean reusable) {
		if (reusable && !this.closed) {
			this.idle.offerFirst(connection);
			// closed meanwhile: the connection just given back may have been missed by destroy()
			if (this.closed) {
				closeIdle();
			}
		}
		else {
			close(connection);
		}
	}

	private void closeIdle() {
		for (Connection connection = this.idle.pollFirst(); connection != null; connection = this.idle.pollFirst()) {
			close(connection);
		}
	}

	private void close(Connection connection) {
		this.open.decrementAndGet();
		try {
			connection.close();
		}
		catch (RuntimeException ex) {
			// already broken: nothing to give back to Redis
		}
	}

	@Override
	public void destroy() {
		this.closed = true;
		closeIdle();
	}

	private static boolean timedOut(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() == cause) ? null : cause.getCause()) {
			if (cause instanceof SocketTimeoutException) {
				return true;
			}
		}
		return false;
	}

	/** As Spring Data Redis translates Jedis's failures (a failed connection is a connection failure). */
	private static DataAccessException translated(JedisException ex) {
		return FAILURES.convert(ex);
	}

	private static boolean isSingleServer(LettuceConnectionFactory factory, DataRedisConnectionDetails details) {
		LettuceClientConfiguration client = factory.getClientConfiguration();
		return details.getSentinel() == null && details.getCluster() == null && details.getMasterReplica() == null
				&& !factory.isClusterAware() && !factory.isRedisSentinelAware() && factory.getSocketConfiguration() == null
				&& !client.isStartTls() && client.getRedisCredentialsProviderFactory().isEmpty()
				&& (!client.isUseSsl() || client.getVerifyMode() != SslVerifyMode.NONE);
	}

	private static JedisClientConfig configOf(LettuceConnectionFactory factory, SslBundle bundle) {
		LettuceClientConfiguration client = factory.getClientConfiguration();
		int connectTimeout = (int) client.getClientOptions()
			.map((options) -> options.getSocketOptions().getConnectTimeout())
			.orElse(SocketOptions.DEFAULT_CONNECT_TIMEOUT_DURATION)
			.toMillis();
		DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
			.connectionTimeoutMillis(connectTimeout)
			.socketTimeoutMillis((int) factory.getTimeout())
			.user(factory.getStandaloneConfiguration().getUsername())
			.password(factory.getPassword())
			.database(factory.getDatabase())
			.clientName(client.getClientName().orElse(null))
			// nothing but the read on these connections: no library name and version sent at every connect
			.clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
		if (client.isUseSsl()) {
			config.ssl(true).sslParameters(sslParameters(client.getVerifyMode(), bundle));
			if (bundle != null) {
				SSLSocketFactory sockets = bundle.createSslContext().getSocketFactory();
				config.sslSocketFactory(sockets);
			}
		}
		return config.build();
	}

	/** The bundle's protocols and ciphers, and the host name checked as Lettuce's full verification checks it. */
	private static SSLParameters sslParameters(SslVerifyMode verify, SslBundle bundle) {
		SSLParameters parameters = new SSLParameters();
		if (verify == SslVerifyMode.FULL) {
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
		}
		SslOptions options = (bundle != null) ? bundle.getOptions() : SslOptions.NONE;
		if (options.getEnabledProtocols() != null) {
			parameters.setProtocols(options.getEnabledProtocols());
		}
		if (options.getCiphers() != null) {
			parameters.setCipherSuites(options.getCiphers());
		}
		return parameters;
	}

	/** The session hash's fields and values, in turn, as {@code HGETALL} answers them; whether the mark exists. */
	record Replies(List<byte[]> fieldsAndValues, Long markCount) {

		boolean markExists() {
			return this.markCount != null && this.markCount > 0;
		}

	}

}
