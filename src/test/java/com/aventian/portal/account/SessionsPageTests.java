package com.aventian.portal.account;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

import static org.assertj.core.api.Assertions.assertThat;

/** "Your sessions" shows opaque handles, never a session id (each id is a live cookie value). */
@PortalTest
class SessionsPageTests {

	private static final Pattern END_ACTION = Pattern.compile("action=\"/account/sessions/([^/\"]+)/end\"");

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	FindByIndexNameSessionRepository<? extends Session> sessions;

	static List<String> handlesIn(String html) {
		return END_ACTION.matcher(html).results().map((match) -> match.group(1)).toList();
	}

	@Test
	void thePageShowsNoSessionIdAndEndingBySessionHandleSignsThatBrowserOut() {
		User user = this.users.create("Hana Handle");
		PortalHttp here = this.users.signedIn(this.port, user);
		PortalHttp elsewhere = this.users.signedIn(this.port, user);
		var ids = this.sessions.findByPrincipalName(user.id().toString()).keySet();
		assertThat(ids).hasSize(2);

		String page = here.get("/account/sessions").body();

		assertThat(ids).allSatisfy((id) -> assertThat(page).doesNotContain(id));
		List<String> handles = handlesIn(page);
		assertThat(handles).singleElement().satisfies((handle) -> assertThat(ids).doesNotContain(handle));
		HttpResponse<String> ended = here.submitWithHeaders("/account/sessions",
				"/account/sessions/" + handles.get(0) + "/end", Map.of());
		assertThat(ended.statusCode()).isEqualTo(302);
		assertThat(elsewhere.get("/account").statusCode()).isEqualTo(302);
		assertThat(here.get("/account").statusCode()).isEqualTo(200);
		assertThat(this.sessions.findByPrincipalName(user.id().toString())).hasSize(1);
	}

	@Test
	void aForgedOrForeignHandleIs404AndEndsNothing() {
		User victim = this.users.create("Vic Victim");
		User attacker = this.users.create("Ari Attacker");
		PortalHttp victimHere = this.users.signedIn(this.port, victim);
		PortalHttp victimElsewhere = this.users.signedIn(this.port, victim);
		PortalHttp attacker1 = this.users.signedIn(this.port, attacker);
		this.users.signedIn(this.port, attacker);
		String victimHandle = handlesIn(victimHere.get("/account/sessions").body()).get(0);

		assertThat(attacker1.submitWithHeaders("/account/sessions", "/account/sessions/" + victimHandle + "/end", Map.of())
			.statusCode()).isEqualTo(404);
		assertThat(attacker1.submitWithHeaders("/account/sessions", "/account/sessions/AAAAAAAAAAAAAAAAAAAAAA/end", Map.of())
			.statusCode()).isEqualTo(404);
		assertThat(attacker1.submitWithHeaders("/account/sessions", "/account/sessions/%7Bx%7D/end", Map.of())
			.statusCode()).isEqualTo(404);
		assertThat(victimElsewhere.get("/account").statusCode()).isEqualTo(200);
		assertThat(this.sessions.findByPrincipalName(victim.id().toString())).hasSize(2);
	}

}
