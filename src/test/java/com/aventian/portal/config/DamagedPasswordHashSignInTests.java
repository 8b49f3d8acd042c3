package com.aventian.portal.config;

import java.net.http.HttpResponse;
import java.time.Duration;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stored password hash is data: damaged, or written by an intruder with database access, it must give a
 * sign-in the usual refusal, neither a 500 nor minutes of hashing that hold one of the few hashing permits
 * (or an allocation that ends the JVM) at every attempt for that e-mail.
 */
@PortalTest
class DamagedPasswordHashSignInTests {

	private static final String SALT_AND_TAG = "$c2FsdHNhbHRzYWx0$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aStoredHashWithImpossibleParametersIsAWrongPasswordNotA500() {
		for (String parameters : new String[] { "m=19456,t=0,p=1", "m=19456,t=2,p=0", "m=4,t=2,p=1" }) {
			User user = storedAs("{argon2}$argon2id$v=19$" + parameters + SALT_AND_TAG);

			assertThat(answerTo(user)).as(parameters).contains("Wrong e-mail or password.");
		}
	}

	@Test
	void aStoredHashAskingForFarMoreWorkIsRefusedWithoutDoingIt() {
		// 2,000 passes over 19 MiB took over two minutes here; 1 TiB of memory would end the JVM
		for (String parameters : new String[] { "m=19456,t=2000,p=1", "m=1073741824,t=2,p=1" }) {
			User user = storedAs("{argon2}$argon2id$v=19$" + parameters + SALT_AND_TAG);
			long start = System.nanoTime();

			String answer = answerTo(user);

			assertThat(answer).as(parameters).contains("Wrong e-mail or password.");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as(parameters).isLessThan(Duration.ofSeconds(20));
		}
	}

	private User storedAs(String hash) {
		User user = this.users.create("Hugo Hash");
		this.jdbc.update("update aventian.tbl_users set password_hash = ? where id = ?", hash, user.id());
		return user;
	}

	private String answerTo(User user) {
		PortalHttp http = new PortalHttp(this.port);
		HttpResponse<String> attempt = http.signIn(user.email(), TestUsers.PASSWORD);
		assertThat(attempt.statusCode()).isEqualTo(302);
		assertThat(attempt.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).endsWith("/login?error"));
		return http.get("/login?error").body();
	}

}
