package com.aventian.portal.account;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An e-mail change mails the new address a link that greets it with the account's name, which its holder
 * chooses freely. Without a limit, one account with its own right password could send that mail, with a
 * text of its choosing, to as many strangers as the sign-in throttle allows (300 per 15 minutes per address).
 */
@PortalTest
class EmailChangeMailLimitTests {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	JdbcTemplate jdbc;

	@Value("${aventian.throttle.limits.change-email.per-email}")
	int perAccount;

	@Test
	void oneAccountCannotMailStrangersByTheDozenThroughEmailChanges() {
		// given a signed-in account whose name is an advertisement
		User spammer = this.users.create("Cheap pills at pills.example");
		PortalHttp http = new PortalHttp(this.port);
		assertThat(http.signIn(spammer.email(), TestUsers.PASSWORD).statusCode()).isEqualTo(302);

		// when it asks, with its right password, to change its e-mail to one stranger after another
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			HttpResponse<String> answer = http.submit("/account", "/account/email", Map.of("newEmail",
					"stranger." + i + "." + UUID.randomUUID().toString().substring(0, 6) + "@example.com", "currentPassword",
					TestUsers.PASSWORD));
			statuses.add(answer.statusCode());
		}

		// then only a few strangers got a mail, and the rest of the requests were refused as too many
		Integer linksMailed = this.jdbc.queryForObject(
				"select count(*) from aventian.tbl_email_tokens where user_id = ? and purpose = 'CHANGE_EMAIL'", Integer.class,
				spammer.id());
		assertThat(linksMailed).as("answers %s", statuses).isLessThanOrEqualTo(this.perAccount);
		assertThat(statuses).contains(429);
	}

}
