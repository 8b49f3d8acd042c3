package com.aventian.portal.api;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import com.aventian.portal.apikey.ApiCaller;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Each API key's rate limit, a Bucket4j token bucket in Redis ({@code aventian:api-rate:<key id>}), so all
 * instances share one budget per key. A bucket holds the key's requests per period and refills greedily.
 * When Redis cannot be reached the request passes: the API answers from PostgreSQL while Redis is down, and
 * a limit nobody can count must not take the products down with it. Only then: a bucket failing for another reason
 * (its record unreadable) fails the request, or every call of that key would pass uncounted.
 * <p>
 * The bucket in Redis is a compare-and-set (read it, write it back if nobody wrote in between, else read again),
 * and a product calls with one key from many threads at once: each call racing another went round again (22
 * attempts per call at 50 connections in the benchmark, docs/PERFORMANCE.md). So each key has one bucket object in
 * this instance, with Bucket4j's batching: while one attempt is in flight, the calls arriving wait and then go
 * together in one attempt. Only instances race each other; every call is still counted in Redis, exactly.
 * <p>
 * The buckets are reached through a connection of Spring's Redis client, and a stopped connection factory shuts
 * that client down and makes a new one when started again (Spring's test framework pauses cached contexts that
 * way; an operator may stop and start one): every call would then pass uncounted on the closed connection. So this
 * is a lifecycle of the last phase, and forgets the buckets and their connection when stopped and again when
 * started: it stops first, and the web server, stopped after it, still lets calls in that reach the buckets through
 * the client about to be shut down.
 */
@Component
class ApiRateLimits implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ApiRateLimits.class);

	private static final String KEY_PREFIX = "aventian:api-rate:";

	/** After a failed connection, the next attempt waits this long: no connection storm while Redis is down. */
	private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);

	private final LettuceConnectionFactory connections;

	private final ApiProperties.RateLimit limits;

	private final Clock clock;

	private volatile Buckets buckets;

	private volatile Instant nextConnectAttempt = Instant.MIN;

	private volatile boolean running;

	ApiRateLimits(LettuceConnectionFactory connections, ApiProperties properties, Clock clock) {
		this.connections = connections;
		this.limits = properties.rateLimit();
		this.clock = clock;
	}

	@Override
	public synchronized void start() {
		forget();
		this.running = true;
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		forget();
	}

	private void forget() {
		this.buckets = null;
		this.nextConnectAttempt = Instant.MIN;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Takes one request from the key's bucket: empty if allowed, else how many seconds to wait. */
	OptionalLong consume(ApiCaller caller) {
		Buckets current = buckets();
		if (current == null) {
			return OptionalLong.empty();
		}
		try {
			ConsumptionProbe probe = current.of(caller, this::bucket).tryConsumeAndReturnRemaining(1);
			if (probe.isConsumed()) {
				return OptionalLong.empty();
			}
			return OptionalLong.of(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
		}
		catch (RuntimeException ex) {
			if (!redisOutOfReach(ex)) {
				throw ex;
			}
			log.warn("API rate limit not counted, Redis unreachable: {}: {}", ex.getClass().getSimpleName(), ex.getMessage());
			return OptionalLong.empty();
		}
	}

	/**
	 * Lettuce's failures (unreachable, timed out, refused while disconnected), alone or failing a batch of calls; not
	 * an error Redis answered (as {@code OutageAnswers} tells an outage).
	 */
	private static boolean redisOutOfReach(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RedisException && !(cause instanceof RedisCommandExecutionException)) {
				return true;
			}
		}
		return false;
	}

	private BucketProxy bucket(ProxyManager<byte[]> manager, ApiCaller caller) {
		long requests = this.limits.requestsOf(caller.keyPrefix());
		BucketConfiguration configuration = BucketConfiguration.builder()
			.addLimit(Bandwidth.builder().capacity(requests).refillGreedy(requests, this.limits.period()).build())
			.build();
		return manager.builder()
			.withOptimization(Optimizations.batching())
			.build((KEY_PREFIX + caller.keyId()).getBytes(StandardCharsets.UTF_8), () -> configuration);
	}

	private Buckets buckets() {
		Buckets current = this.buckets;
		if (current != null) {
			return current;
		}
		synchronized (this) {
			if (this.buckets != null) {
				return this.buckets;
			}
			Instant now = this.clock.instant();
			if (now.isBefore(this.nextConnectAttempt)) {
				return null;
			}
			try {
				// Spring's client, so the same timeouts and "reject while disconnected" options apply; once
				// connected, Lettuce reconnects by itself after an outage
				RedisClient client = (RedisClient) this.connections.getNativeClient();
				this.buckets = new Buckets(Bucket4jLettuce.casBasedBuilder(client)
					.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
					.build(), new ConcurrentHashMap<>());
				return this.buckets;
			}
			catch (RuntimeException ex) {
				this.nextConnectAttempt = now.plus(RECONNECT_PAUSE);
				log.warn("API rate limits not counted, Redis unreachable: {}", ex.getClass().getSimpleName());
				return null;
			}
		}
	}

	/**
	 * The bucket objects of one connection, one per key that called through it (a few per product): the batching
	 * lives in the bucket object. Forgotten together, so a call still holding the old ones cannot leave a bucket of a
	 * closed connection among the new.
	 */
	private record Buckets(ProxyManager<byte[]> manager, Map<UUID, BucketProxy> ofKey) {

		BucketProxy of(ApiCaller caller, BiFunction<ProxyManager<byte[]>, ApiCaller, BucketProxy> build) {
			return this.ofKey.computeIfAbsent(caller.keyId(), (keyId) -> build.apply(this.manager, caller));
		}

	}

}
