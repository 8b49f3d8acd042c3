package com.aventian.portal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Counts the commands Redis executes while some work runs, from the server's own statistics
 * ({@code CONFIG RESETSTAT}, then {@code INFO commandstats}): what a request costs in Redis, exactly.
 * Spring Session's clean-up of expired sessions runs at the start of every minute in every test context
 * of the JVM; a measurement that crosses a minute is taken again.
 */
public final class RedisCommands {

	private RedisCommands() {
	}

	/** Command name (lower case, as Redis names it) to how often it ran during {@code work}. */
	public static Map<String, Long> during(StringRedisTemplate redis, Runnable work) {
		for (int attempt = 1;; attempt++) {
			Instant before = Instant.now().truncatedTo(ChronoUnit.MINUTES);
			redis.execute((RedisCallback<Void>) (connection) -> {
				connection.serverCommands().resetConfigStats();
				return null;
			});
			work.run();
			Properties stats = redis.execute((RedisCallback<Properties>) (connection) -> connection.serverCommands()
				.info("commandstats"));
			if (attempt == 3 || Instant.now().truncatedTo(ChronoUnit.MINUTES).equals(before)) {
				return counts(stats);
			}
		}
	}

	/**
	 * How many times Redis read a client's input while some work ran: one read per round trip (commands
	 * written together arrive together; a command sent after the answer to another cannot), from
	 * {@code INFO stats}' {@code total_reads_processed}, less the read of the {@code INFO} that asks.
	 */
	public static long roundTripsDuring(StringRedisTemplate redis, Runnable work) {
		for (int attempt = 1;; attempt++) {
			Instant before = Instant.now().truncatedTo(ChronoUnit.MINUTES);
			long readsBefore = readsProcessed(redis);
			work.run();
			long reads = readsProcessed(redis) - readsBefore - 1;
			if (attempt == 3 || Instant.now().truncatedTo(ChronoUnit.MINUTES).equals(before)) {
				return reads;
			}
		}
	}

	private static long readsProcessed(StringRedisTemplate redis) {
		Properties stats = redis.execute((RedisCallback<Properties>) (connection) -> connection.serverCommands()
			.info("stats"));
		return Long.parseLong(stats.getProperty("total_reads_processed"));
	}

	private static Map<String, Long> counts(Properties stats) {
		Map<String, Long> counts = new TreeMap<>();
		stats.forEach((key, value) -> {
			String name = key.toString();
			if (name.startsWith("cmdstat_")) {
				String command = name.substring("cmdstat_".length());
				// the measurement's own commands
				if (!command.startsWith("config") && !command.equals("info")) {
					String calls = value.toString().replaceAll("^calls=(\\d+),.*$", "$1");
					counts.put(command, Long.parseLong(calls));
				}
			}
		});
		return counts;
	}

}
