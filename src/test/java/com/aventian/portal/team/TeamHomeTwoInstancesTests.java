package com.aventian.portal.team;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.aventian.portal.AventianApplication;
import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestServices;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Team home from the gate's cached privileges (issue 10) with two portal instances on one database and one Redis:
 * joins and leaves made through one instance while both serve team homes at once, and every member's very next team
 * home, on either instance, shows the count as committed.
 */
@PortalTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TeamHomeTwoInstancesTests {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	ConfigurableApplicationContext second;

	@BeforeAll
	void startASecondInstanceOnTheSameDatabaseAndRedis() {
		Map<String, Object> properties = new LinkedHashMap<>(TestServices.properties());
		properties.putAll(Map.of("server.port", "0", "aventian.jobs.run", "false"));
		this.second = new SpringApplicationBuilder(AventianApplication.class).run(properties.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new));
	}

	@AfterAll
	void stopIt() {
		if (this.second != null) {
			this.second.close();
		}
	}

	@Test
	void joinsAndLeavesThroughOneInstanceCountOnTheVeryNextTeamHomeOfBothWhileBothServeThemAtOnce() throws Exception {
		User owner = this.users.create("Olga Owner");
		User max = this.users.create("Max Member");
		UUID team = this.users.team("Twice home " + UUID.randomUUID(), owner, max, "Member");
		int secondPort = Integer.parseInt(this.second.getEnvironment().getProperty("local.server.port"));
		PortalHttp maxOnFirst = this.users.signedIn(this.port, max);
		PortalHttp maxOnSecond = maxOnFirst.at(secondPort);
		PortalHttp ownerOnFirst = this.users.signedIn(this.port, owner);
		PortalHttp ownerOnSecond = ownerOnFirst.at(secondPort);
		List<PortalHttp> readers = List.of(maxOnFirst, maxOnSecond, ownerOnFirst, ownerOnSecond);
		MembershipService throughSecond = this.second.getBean(MembershipService.class);

		AtomicBoolean running = new AtomicBoolean(true);
		ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
		List<CompletableFuture<Void>> racing = new ArrayList<>();
		for (PortalHttp reader : readers) {
			racing.add(CompletableFuture.runAsync(() -> {
				while (running.get()) {
					int status = reader.get("/teams/" + team).statusCode();
					if (status != 200) {
						failures.add("status " + status);
					}
				}
			}, (command) -> new Thread(command).start()));
		}
		try {
			List<User> joined = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				User joiner = this.users.create("Twice Joiner " + i);
				throughSecond.addMemberWithRole(team, joiner.id(), this.users.roleId(team, "Member"), owner.id());
				joined.add(joiner);
				assertCount(readers, team, 3 + i, "after join " + i);
			}
			for (int i = 0; i < 4; i++) {
				User leaving = joined.get(i);
				throughSecond.leave(new MembershipService.Actor(leaving.id(), leaving.email()), team);
				assertCount(readers, team, 10 - i - 1, "after leave " + i);
			}
		}
		finally {
			running.set(false);
			CompletableFuture.allOf(racing.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		}
		assertThat(failures).isEmpty();
	}

	private static void assertCount(List<PortalHttp> readers, UUID team, int expected, String when) {
		for (PortalHttp reader : readers) {
			HttpResponse<String> home = reader.get("/teams/" + team);
			assertThat(home.statusCode()).isEqualTo(200);
			assertThat(home.body()).as(when).contains("data-testid=\"member-count\">" + expected + "<");
		}
	}

}
