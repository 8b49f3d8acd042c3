package com.aventian.portal.config;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import com.aventian.portal.PortalTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;
import org.springframework.session.data.redis.RedisIndexedSessionRepository.RedisSession;
import org.springframework.session.events.SessionDeletedEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spring Session hears of every key deleted or expired anywhere in Redis (it listens to the key events to
 * end sessions): role-cache evictions, throttle windows, expired sessions, on every instance. Each event
 * started a thread of its own (28,093 in one benchmark run); they now run on a small pool, and a deleted
 * session is still announced.
 */
@PortalTest
@Import(SessionEventThreadsTests.DeletedSessions.class)
class SessionEventThreadsTests {

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	RedisIndexedSessionRepository sessions;

	@Autowired
	DeletedSessions deleted;

	@Test
	void aThousandKeysDeletedInRedisStartNoThreadEachAndASessionDeletedIsStillAnnounced() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long before = threads.getTotalStartedThreadCount();

		// when a thousand keys that are not sessions are written and deleted
		for (int i = 0; i < 1000; i++) {
			String key = "aventian:test:event-threads:" + i;
			this.redis.opsForValue().set(key, "x");
			this.redis.delete(key);
		}
		// and then a session is ended
		RedisSession session = this.sessions.createSession();
		this.sessions.save(session);
		String id = session.getId();
		this.sessions.deleteById(id);

		// then the session's deletion is announced (it queued behind the thousand events)
		await().atMost(Duration.ofSeconds(30)).until(() -> id.equals(this.deleted.lastId.get()));
		// and the thousand events did not start a thousand threads
		assertThat(threads.getTotalStartedThreadCount() - before).isLessThan(50);
	}

	@TestConfiguration
	static class DeletedSessions {

		final AtomicReference<String> lastId = new AtomicReference<>();

		@EventListener
		void on(SessionDeletedEvent event) {
			this.lastId.set(event.getSessionId());
		}

	}

}
