package com.aventian.portal.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.aventian.portal.AventianApplication;
import com.aventian.portal.PortalHttp;
import com.aventian.portal.TestDatabases;
import com.aventian.portal.TestServices;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.AccountService;
import com.aventian.portal.account.User;
import com.aventian.portal.team.MemberRow;
import com.aventian.portal.team.MembershipService;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two portal instances behind one load balancer, as docker/compose.yaml runs them: two application contexts on
 * one PostgreSQL database and one Redis. Sessions, what people may do and background jobs are shared through
 * them, so a browser may land on either instance at any request. The instances get a database of their own:
 * every other cached test context runs a job scheduler on the shared one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesTests {

	private static final String TICK = "two-instances-tick";

	/** Each run of the recurring test job: which instance ran it, for which scheduled time. */
	private final List<Run> runs = new CopyOnWriteArrayList<>();

	private ConfigurableApplicationContext first;

	private ConfigurableApplicationContext second;

	@BeforeAll
	void startTwoInstances() {
		String database = TestDatabases.fresh("avn-two-instances");
		this.first = start("first", database);
		this.second = start("second", database);
	}

	@AfterAll
	void stopThem() {
		if (this.first != null) {
			this.first.close();
		}
		if (this.second != null) {
			this.second.close();
		}
	}

	@Test
	void aSessionMadeOnOneInstanceIsUsedOnTheOther() {
		User rita = users(this.first).create("Rita Roaming");

		PortalHttp onFirst = users(this.first).signedIn(port(this.first), rita);
		var homeOnSecond = onFirst.at(port(this.second)).get("/");

		assertThat(homeOnSecond.statusCode()).isEqualTo(200);
		assertThat(homeOnSecond.body()).contains("Rita Roaming");
	}

	@Test
	void aRoleChangeOnOneInstanceHoldsAtOnceOnTheOther() {
		// given a member who may not invite, signed in and served by the second instance
		TestUsers users = users(this.first);
		User owner = users.create("Olga Owner");
		User member = users.create("Max Member");
		UUID teamId = users.team("Shared Team", owner, member, "Member");
		PortalHttp memberOnSecond = users.signedIn(port(this.second), member);
		assertThat(memberOnSecond.get("/teams/" + teamId + "/invitations").statusCode()).isEqualTo(403);

		// when the owner makes them an Admin on the first instance
		MembershipService memberships = this.first.getBean(MembershipService.class);
		MemberRow row = memberships.member(teamId, member.id());
		memberships.changeRole(new MembershipService.Actor(owner.id(), owner.email()), teamId, member.id(),
				users.roleId(teamId, "Admin"), row.version());

		// then the very next request on the second instance may invite
		assertThat(memberOnSecond.get("/teams/" + teamId + "/invitations").statusCode()).isEqualTo(200);
	}

	@Test
	void anAccountDisabledOnOneInstanceEndsItsSessionOnTheOtherThoughTheOtherHadMetIt() {
		// given a session the second instance has served (it reads the account's disabled mark along with it)
		TestUsers users = users(this.first);
		User person = users.create("Dana Disabled");
		User admin = users.create("Ada Admin");
		AccountService accounts = this.first.getBean(AccountService.class);
		accounts.grantPlatformAdmin(admin.id());
		PortalHttp onSecond = users.signedIn(port(this.second), person);
		assertThat(onSecond.get("/account").statusCode()).isEqualTo(200);
		assertThat(onSecond.get("/account").statusCode()).isEqualTo(200);
		StringRedisTemplate redis = this.first.getBean(StringRedisTemplate.class);
		String key = "aventian:session:sessions:" + onSecond.sessionId();
		byte[] copy = redis.execute((RedisCallback<byte[]>) (connection) -> connection.keyCommands().dump(key.getBytes()));

		// when the first instance disables the account, and a request in flight writes the session back
		accounts.disable(person.id(), admin.id());
		redis.execute((RedisCallback<Object>) (connection) -> {
			connection.keyCommands().restore(key.getBytes(), Duration.ofHours(1).toMillis(), copy, true);
			return null;
		});

		// then the second instance ends that session on its very next request
		var refused = onSecond.get("/account");
		assertThat(refused.statusCode()).isEqualTo(302);
		assertThat(refused.headers().firstValue("Location")).hasValueSatisfying(
				(to) -> assertThat(to).endsWith("/login?disabled"));
	}

	@Test
	void eachOccurrenceOfARecurringJobRunsOnExactlyOneInstance() {
		// given both instances polling the one table, a job due every 100 ms: wait for a dozen occurrences
		await().atMost(Duration.ofSeconds(30)).until(() -> this.runs.size() >= 12);

		// then no scheduled time ran twice (which instance takes each is up to the race of their polls: in a
		// loaded build one instance may win them all, so that both take part is not asserted)
		List<Instant> times = this.runs.stream().map(Run::scheduledFor).toList();
		assertThat(times).doesNotHaveDuplicates();
	}

	private ConfigurableApplicationContext start(String instance, String databaseUrl) {
		RecurringTask<Void> tick = Tasks.recurring(TICK, Schedules.fixedDelay(Duration.ofMillis(100)))
			.execute((execution, context) -> this.runs.add(new Run(instance, context.getExecution().executionTime)));
		Map<String, Object> properties = new LinkedHashMap<>(TestServices.properties());
		properties.putAll(Map.of("server.port", "0", "spring.datasource.url", databaseUrl, "aventian.jobs.poll-interval", "200ms"));
		// as arguments: the builder's own properties are defaults, below application.properties
		String[] arguments = properties.entrySet().stream().map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		return new SpringApplicationBuilder(AventianApplication.class)
			.initializers((context) -> ((GenericApplicationContext) context).registerBean(TICK, RecurringTask.class, () -> tick))
			.run(arguments);
	}

	private static TestUsers users(ConfigurableApplicationContext context) {
		return context.getBean(TestUsers.class);
	}

	private static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	private record Run(String instance, Instant scheduledFor) {
	}

}
