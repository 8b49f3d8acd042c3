package com.aventian.portal.config;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attacks on the session read's own blocking connections ({@link SessionReadConnections}): a reply meant for one
 * session must never be read as another's, whatever breaks under the reads (connections killed by Redis, a stall
 * longer than the read timeout, so replies arrive for reads that gave up), a failed read must never pass for "no
 * session" or "not disabled", and the bound of open connections must not fill with connections that failed.
 */
@PortalTest
class SessionReadConnectionsAttackTests {

	/** Longer than the tests' Redis timeout ({@code local.EmbeddedServices}: 5 s), so reads in flight give up. */
	private static final int STALL_MILLIS = 6500;

	private static final int READERS = 8;

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	SessionReadConnections connections;

	@Autowired
	ApplicationContext context;

	@Value("${spring.data.redis.port}")
	int redisPort;

	@Test
	void readsOfDifferentSessionsAtOnceWhileRedisKillsConnectionsAndStallsEachGetTheirOwnAnswerOrAFailure()
			throws Exception {
		// given one session hash and one mark per reader, every other mark set, each hash naming its reader
		String prefix = "session-read-attack:" + UUID.randomUUID() + ":";
		for (int i = 0; i < READERS; i++) {
			this.redis.opsForHash().put(prefix + "hash:" + i, "owner", Integer.toString(i));
			if (i % 2 == 1) {
				this.redis.opsForValue().set(prefix + "mark:" + i, "1");
			}
		}
		ExecutorService threads = Executors.newFixedThreadPool(READERS + 1);
		AtomicBoolean storm = new AtomicBoolean(true);
		List<String> confusions = new CopyOnWriteArrayList<>();
		List<Throwable> unexpected = new CopyOnWriteArrayList<>();
		AtomicInteger answered = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		try {
			// when every reader reads its own session again and again, while Redis kills every normal client's
			// connection now and then and once stalls them all for longer than the read timeout
			List<CompletableFuture<Void>> readers = new ArrayList<>();
			for (int i = 0; i < READERS; i++) {
				int reader = i;
				readers.add(CompletableFuture.runAsync(() -> {
					while (storm.get()) {
						readAndCheck(prefix, reader, confusions, unexpected, answered, failed);
					}
				}, threads));
			}
			try (Jedis admin = new Jedis(new HostAndPort("localhost", this.redisPort))) {
				for (int round = 0; round < 30; round++) {
					Thread.sleep(30);
					admin.sendCommand(Protocol.Command.CLIENT, "KILL", "TYPE", "normal", "SKIPME", "yes");
				}
				admin.sendCommand(Protocol.Command.CLIENT, "PAUSE", Integer.toString(STALL_MILLIS), "ALL");
				Thread.sleep(STALL_MILLIS + 1000);
				for (int round = 0; round < 30; round++) {
					Thread.sleep(30);
					admin.sendCommand(Protocol.Command.CLIENT, "KILL", "TYPE", "normal", "SKIPME", "yes");
				}
			}
			Thread.sleep(500);
			storm.set(false);
			for (CompletableFuture<Void> reader : readers) {
				reader.get(60, TimeUnit.SECONDS);
			}

			// then no reader ever got another's hash or mark, and each failure was a translated Redis failure
			assertThat(confusions).isEmpty();
			assertThat(unexpected).isEmpty();
			assertThat(answered.get()).isPositive();
			assertThat(failed.get()).isPositive();

			// and once Redis is left alone every read is answered on a connection of its own (no leaked count)
			assertThat(this.connections.openConnections()).isBetween(0, READERS);
			for (int i = 0; i < READERS * 3; i++) {
				SessionReadConnections.Replies replies = this.connections.read(bytes(prefix + "hash:" + (i % READERS)),
						bytes(prefix + "mark:" + (i % READERS)));
				assertThat(replies).isNotNull();
				assertThat(owner(replies)).isEqualTo(Integer.toString(i % READERS));
				assertThat(replies.markExists()).isEqualTo(i % READERS % 2 == 1);
			}
		}
		finally {
			storm.set(false);
			threads.shutdownNow();
			for (int i = 0; i < READERS; i++) {
				this.redis.delete(List.of(prefix + "hash:" + i, prefix + "mark:" + i));
			}
		}
	}

	@Test
	void twoPeoplesPagesAtOnceWhileRedisKillsConnectionsAreEachTheirOwnOrTheOutagePageNeverTheSignInPage()
			throws Exception {
		// given two people signed in, their sessions met before
		User ada = this.users.create("Ada Killed" + UUID.randomUUID().toString().substring(0, 6));
		User bob = this.users.create("Bob Killed" + UUID.randomUUID().toString().substring(0, 6));
		List<PortalHttp> browsers = new ArrayList<>();
		List<User> people = List.of(ada, bob, ada, bob);
		for (User person : people) {
			PortalHttp http = this.users.signedIn(this.port, person);
			assertThat(http.get("/account").statusCode()).isEqualTo(200);
			browsers.add(http);
		}
		ExecutorService threads = Executors.newFixedThreadPool(browsers.size());
		AtomicBoolean storm = new AtomicBoolean(true);
		List<String> wrong = new CopyOnWriteArrayList<>();
		try {
			// when each asks for their account page again and again while Redis kills every normal connection
			List<CompletableFuture<Integer>> askers = new ArrayList<>();
			for (int i = 0; i < browsers.size(); i++) {
				PortalHttp http = browsers.get(i);
				User me = people.get(i);
				User other = (me == ada) ? bob : ada;
				askers.add(CompletableFuture.supplyAsync(() -> {
					int asked = 0;
					while (storm.get()) {
						HttpResponse<String> page = http.get("/account");
						asked++;
						boolean mine = page.statusCode() == 200 && page.body().contains(me.displayName())
								&& !page.body().contains(other.displayName());
						boolean outage = page.statusCode() == 503 && !page.body().contains(me.displayName())
								&& !page.body().contains(other.displayName());
						if (!mine && !outage) {
							wrong.add(me.displayName() + ": " + page.statusCode() + " " + page.headers().map());
						}
					}
					return asked;
				}, threads));
			}
			try (Jedis admin = new Jedis(new HostAndPort("localhost", this.redisPort))) {
				for (int round = 0; round < 40; round++) {
					Thread.sleep(50);
					admin.sendCommand(Protocol.Command.CLIENT, "KILL", "TYPE", "normal", "SKIPME", "yes");
				}
			}
			Thread.sleep(300);
			storm.set(false);
			for (CompletableFuture<Integer> asker : askers) {
				assertThat(asker.get(60, TimeUnit.SECONDS)).isPositive();
			}

			// then every page was its asker's own or the outage page: never the other's, never signed out
			assertThat(wrong).isEmpty();
			for (int i = 0; i < browsers.size(); i++) {
				assertThat(browsers.get(i).get("/account").body()).contains(people.get(i).displayName());
			}
		}
		finally {
			storm.set(false);
			threads.shutdownNow();
		}
	}

	@Test
	void aRefusedExistsOfTheDisabledMarkOrHgetallOfTheSessionIsNeverReadAsNotDisabledOrSignedOut() throws Exception {
		// given a disabled account's session met before (its reads carry the mark's EXISTS along)
		User user = this.users.create("Nora Noperm" + UUID.randomUUID().toString().substring(0, 6));
		PortalHttp http = this.users.signedIn(this.port, user);
		assertThat(http.get("/account").statusCode()).isEqualTo(200);
		assertThat(http.get("/account").statusCode()).isEqualTo(200);
		this.redis.opsForValue().set("aventian:account-disabled:" + user.id(), "1");

		try (Jedis admin = new Jedis(new HostAndPort("localhost", this.redisPort))) {
			// when Redis refuses the mark's EXISTS (an error answer to the second command only)
			HttpResponse<String> existsRefused;
			try {
				admin.sendCommand(Protocol.Command.ACL, "SETUSER", "default", "-exists");
				existsRefused = http.get("/account");
			}
			finally {
				admin.sendCommand(Protocol.Command.ACL, "SETUSER", "default", "+exists");
			}

			// then the account's page is not served as if the mark were absent, nor is the session ended
			assertThat(existsRefused.statusCode()).isNotEqualTo(200).isNotEqualTo(302);
			assertThat(existsRefused.body()).doesNotContain(user.displayName());

			// and when Redis refuses the session's HGETALL (an error answer to the first command)
			HttpResponse<String> hashRefused;
			try {
				admin.sendCommand(Protocol.Command.ACL, "SETUSER", "default", "-hgetall");
				hashRefused = http.get("/account");
			}
			finally {
				admin.sendCommand(Protocol.Command.ACL, "SETUSER", "default", "+hgetall");
			}

			// then it is a failure, never "no session" (a sign-in page) nor the account's page
			assertThat(hashRefused.statusCode()).isNotEqualTo(200).isNotEqualTo(302);
			assertThat(hashRefused.body()).doesNotContain(user.displayName());
		}

		// and once Redis answers both, the session is refused as disabled
		SessionReadsTests.assertSentToSignInAsDisabled(http.get("/account"));
	}

	@Test
	void closingTheConnectionsWhileReadsAreUnderwayLeavesNoneOpenOnceTheyEnd() throws Exception {
		// given connections of their own for the session read, in use by several readers
		SessionReadConnections closing = new SessionReadConnections(
				this.context.getBean(RedisConnectionFactory.class),
				this.context.getBeanProvider(DataRedisConnectionDetails.class));
		String hash = "session-read-attack:" + UUID.randomUUID();
		String mark = hash + ":mark";
		this.redis.opsForHash().put(hash, "owner", "closing");
		ExecutorService threads = Executors.newFixedThreadPool(READERS);
		AtomicBoolean reading = new AtomicBoolean(true);
		List<Throwable> unexpected = new CopyOnWriteArrayList<>();
		AtomicInteger answered = new AtomicInteger();
		try {
			List<CompletableFuture<Void>> readers = new ArrayList<>();
			for (int i = 0; i < READERS; i++) {
				readers.add(CompletableFuture.runAsync(() -> {
					while (reading.get()) {
						try {
							SessionReadConnections.Replies replies = closing.read(bytes(hash), bytes(mark));
							if (replies != null) {
								assertThat(owner(replies)).isEqualTo("closing");
								answered.incrementAndGet();
							}
						}
						catch (Throwable ex) {
							unexpected.add(ex);
						}
					}
				}, threads));
			}
			while (answered.get() < READERS * 20) {
				Thread.sleep(10);
			}

			// when the application closes them (destroy) while reads go on, then the reads end
			closing.destroy();
			Thread.sleep(200);
			reading.set(false);
			for (CompletableFuture<Void> reader : readers) {
				reader.get(60, TimeUnit.SECONDS);
			}

			// then every read was answered, and no connection is left open, idle or counted
			assertThat(unexpected).isEmpty();
			assertThat(closing.openConnections()).isZero();
		}
		finally {
			reading.set(false);
			threads.shutdownNow();
			this.redis.delete(hash);
		}
	}

	@Test
	void jedisOnTheClassPathAddsNoSecondConnectionFactoryNorPoolsLettuce() {
		// given the portal's context, Jedis and commons-pool2 on its class path

		// then Lettuce's factory is the only one, on its one shared connection, as before Jedis came
		Map<String, RedisConnectionFactory> factories = this.context.getBeansOfType(RedisConnectionFactory.class);
		assertThat(factories).hasSize(1);
		assertThat(factories.values()).singleElement().isInstanceOf(LettuceConnectionFactory.class);
		LettuceConnectionFactory lettuce = (LettuceConnectionFactory) factories.values().iterator().next();
		assertThat(lettuce.getShareNativeConnection()).isTrue();
		assertThat(lettuce.getClientConfiguration().getClass().getSimpleName()).doesNotContain("Pool");
	}

	private void readAndCheck(String prefix, int reader, List<String> confusions, List<Throwable> unexpected,
			AtomicInteger answered, AtomicInteger failed) {
		try {
			SessionReadConnections.Replies replies = this.connections.read(bytes(prefix + "hash:" + reader),
					bytes(prefix + "mark:" + reader));
			if (replies == null) {
				return;
			}
			String owner = owner(replies);
			if (!Integer.toString(reader).equals(owner) || replies.markExists() != (reader % 2 == 1)) {
				confusions.add(reader + " read owner " + owner + " mark " + replies.markExists());
			}
			answered.incrementAndGet();
		}
		catch (DataAccessException ex) {
			failed.incrementAndGet();
		}
		catch (Throwable ex) {
			unexpected.add(ex);
		}
	}

	private static String owner(SessionReadConnections.Replies replies) {
		List<byte[]> fieldsAndValues = replies.fieldsAndValues();
		if (fieldsAndValues.size() != 2) {
			return "fields " + fieldsAndValues.size();
		}
		return new String(fieldsAndValues.get(1), StandardCharsets.UTF_8);
	}

	private static byte[] bytes(String key) {
		return key.getBytes(StandardCharsets.UTF_8);
	}

}
