package com.aventian.portal.team;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import com.aventian.portal.AventianApplication;
import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestServices;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.aventian.portal.team.MembersListKeptTests.withoutCsrf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kept members lists with two portal instances on one database and one Redis (as docker/compose.yaml runs them), and
 * with readers and writers at once: every instance keeps its own lists, and the version the database moves makes a
 * change through one instance, or by anyone, show on the other's next list.
 */
@PortalTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MembersListTwoInstancesTests {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	JdbcTemplate jdbc;

	ConfigurableApplicationContext second;

	User owner;

	User max;

	User ada;

	UUID team;

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

	@BeforeEach
	void aTeam() {
		this.owner = this.users.create("Olga Owner");
		this.max = this.users.create("Max Member");
		this.ada = this.users.create("Ada Admin");
		this.team = this.users.team("Twice " + UUID.randomUUID(), this.owner, this.max, "Member", this.ada, "Admin");
	}

	int secondPort() {
		return Integer.parseInt(this.second.getEnvironment().getProperty("local.server.port"));
	}

	String path() {
		return "/teams/" + this.team + "/members";
	}

	String list(PortalHttp http) {
		var response = http.get(path(), "HX-Request", "true");
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	@Test
	void aChangeThroughOneInstanceIsOnTheOthersNextList() {
		// given the list kept by both instances
		PortalHttp onFirst = this.users.signedIn(this.port, this.owner);
		PortalHttp onSecond = onFirst.at(secondPort());
		list(onFirst);
		list(onSecond);
		assertThat(list(onFirst)).contains("member-" + this.max.id());

		// when the owner removes Max through the second instance
		var removed = onSecond.submit(path() + "/" + this.max.id() + "/remove", path() + "/" + this.max.id() + "/remove",
				Map.of());
		assertThat(removed.statusCode()).isEqualTo(302);

		// then the first instance's next list no longer has him
		assertThat(list(onFirst)).doesNotContain("member-" + this.max.id()).contains(">2 members<");
	}

	@Test
	void afterReadersAndWritersAtOnceEveryReadersNextListIsTheFreshOne() throws Exception {
		List<PortalHttp> readers = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			PortalHttp http = this.users.signedIn(this.port, this.owner);
			readers.add((i % 2 == 0) ? http : http.at(secondPort()));
		}
		AtomicBoolean writing = new AtomicBoolean(true);
		ExecutorService threads = Executors.newFixedThreadPool(6);
		try {
			List<Future<?>> work = new ArrayList<>();
			for (User renamed : List.of(this.max, this.ada)) {
				work.add(threads.submit(() -> {
					for (int i = 0; i < 40; i++) {
						// last activity first: alone it moves no version (V32), the rename after it does
						this.jdbc.update("update aventian.tbl_memberships set last_active_at = now() "
								+ "where team_id = ? and user_id = ?", this.team, renamed.id());
						this.jdbc.update("update aventian.tbl_users set display_name = ? where id = ?",
								renamed.displayName() + " " + i, renamed.id());
					}
					return null;
				}));
			}
			List<Future<?>> reading = new ArrayList<>();
			for (PortalHttp reader : readers) {
				reading.add(threads.submit(() -> {
					while (writing.get()) {
						list(reader);
					}
					return null;
				}));
			}
			for (Future<?> done : work) {
				done.get();
			}
			writing.set(false);
			for (Future<?> done : reading) {
				done.get();
			}
		}
		finally {
			threads.shutdownNow();
		}

		List<String> answers = new ArrayList<>();
		for (PortalHttp reader : readers) {
			answers.add(withoutCsrf(list(reader)));
		}
		// the list written fresh: the version moved by hand, so nothing kept is served
		this.jdbc.update("update aventian.tbl_member_list_versions set version = version + 1 where team_id = ?", this.team);
		String fresh = withoutCsrf(list(readers.get(0)));

		assertThat(fresh).contains("Max Member 39").contains("Ada Admin 39");
		assertThat(answers).allSatisfy((answer) -> assertThat(answer).isEqualTo(fresh));
	}

}
