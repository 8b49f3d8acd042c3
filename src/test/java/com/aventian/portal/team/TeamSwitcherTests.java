package com.aventian.portal.team;

import java.util.Map;
import java.util.UUID;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.audit.AuditLog;
import com.aventian.portal.audit.LoginAction;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@PortalTest
class TeamSwitcherTests {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	AuditLog audit;

	@Test
	void theSwitcherOffersASearchFieldOnlyPastSevenTeamsAndFiltersByName() {
		User few = this.users.create("Fay Few");
		for (int i = 1; i <= 7; i++) {
			this.users.team("Few " + i, few);
		}
		User many = this.users.create("Manny Many");
		for (int i = 1; i <= 8; i++) {
			this.users.team((i == 5 ? "Zebra " : "Team ") + i, many);
		}

		String fewPanel = this.users.signedIn(this.port, few).get("/switcher", "HX-Request", "true").body();
		PortalHttp manyHttp = this.users.signedIn(this.port, many);
		String manyPanel = manyHttp.get("/switcher", "HX-Request", "true").body();
		String filtered = manyHttp.get("/switcher?q=zeb", "HX-Request", "true").body();

		assertThat(fewPanel).doesNotContain("type=\"search\"").contains("Few 7").contains("+ Create team");
		assertThat(manyPanel).contains("type=\"search\"").contains("Team 8");
		assertThat(filtered).contains("Zebra 5").doesNotContain("Team 8");
	}

	@Test
	void switchingIsLoggedWithTheAddressAndRememberedForTheNextSignIn() {
		User user = this.users.create("Remy Remember");
		this.users.team("First " + UUID.randomUUID(), user);
		UUID second = this.users.team("Second " + UUID.randomUUID(), user);
		PortalHttp http = this.users.signedIn(this.port, user);

		var switched = http.submitWithHeaders("/teams/new", "/teams/" + second + "/switch", Map.of());
		assertThat(switched.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).endsWith("/teams/" + second));
		http.submitWithHeaders("/teams/new", "/logout", Map.of());

		PortalHttp again = this.users.signedIn(this.port, user);
		assertThat(again.get("/").headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).endsWith("/teams/" + second));
		assertThat(this.audit.recentLoginActivity(user.email(), 10)).filteredOn((row) -> row.action() == LoginAction.TEAM_SWITCHED)
			.singleElement()
			.satisfies((row) -> {
				assertThat(row.teamId()).isEqualTo(second);
				assertThat(row.ip().isLoopbackAddress()).isTrue();
			});
	}

	@Test
	void aRedirectsAddressCarriesNoneOfTheHeadersValuesAndAFormPageAnsweredToAPostHasTheHeaderAndNavigation() {
		// given an owner of two teams
		User user = this.users.create("Rory Redirect");
		UUID first = this.users.team("Redirect one " + UUID.randomUUID(), user);
		UUID second = this.users.team("Redirect two " + UUID.randomUUID(), user);
		PortalHttp http = this.users.signedIn(this.port, user);

		// when they switch teams and rename one (both answered with a redirect)
		var switched = http.submitWithHeaders("/teams/new", "/teams/" + second + "/switch", Map.of());
		String version = http.get("/teams/" + first + "/settings").body()
			.replaceAll("(?s).*name=\"version\" value=\"(\\d+)\".*", "$1");
		var renamed = http.submit("/teams/" + first + "/settings", "/teams/" + first + "/name",
				Map.of("name", "Redirect three " + UUID.randomUUID(), "version", version));

		// then the redirects' addresses are the pages' own, with no query (the switcher's values are not a
		// redirect's model)
		assertThat(switched.statusCode()).isEqualTo(302);
		assertThat(switched.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to)
			.endsWith("/teams/" + second).doesNotContain("?"));
		assertThat(renamed.statusCode()).isEqualTo(302);
		assertThat(renamed.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to)
			.endsWith("/teams/" + first + "/settings").doesNotContain("?"));

		// and a form answered with its page after a POST (an empty name) still shows the header's team and the navigation
		var refused = http.submit("/teams/" + first + "/settings", "/teams/" + first + "/name",
				Map.of("name", "", "version", "1"));
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("data-testid=\"switcher-current\">Redirect three ", "class=\"team-nav\"",
				"href=\"/teams/" + first + "/members\"");
	}

	@Test
	void switchingToATeamOneIsNotInIs404AndNotLogged() {
		User user = this.users.create("Nina Nosy");
		User other = this.users.create("Otto Other");
		UUID foreign = this.users.team("Foreign " + UUID.randomUUID(), other);
		PortalHttp http = this.users.signedIn(this.port, user);

		assertThat(http.submitWithHeaders("/teams/new", "/teams/" + foreign + "/switch", Map.of()).statusCode()).isEqualTo(404);
		assertThat(this.audit.recentLoginActivity(user.email(), 10)).noneMatch((row) -> row.action() == LoginAction.TEAM_SWITCHED);
	}

	@Test
	void theHeaderShowsTheSessionsTeamOnAccountPagesToo() {
		User user = this.users.create("Cora Current");
		String name = "Current " + UUID.randomUUID();
		this.users.team(name, user);
		PortalHttp straightToAccount = this.users.signedIn(this.port, user);
		PortalHttp throughHome = this.users.signedIn(this.port, user);
		throughHome.get("/");

		for (PortalHttp http : java.util.List.of(straightToAccount, throughHome)) {
			for (String page : java.util.List.of("/account", "/account/sessions")) {
				assertThat(http.get(page).body()).as(page)
					.contains("<span data-testid=\"switcher-current\">" + name + "</span>");
			}
		}
	}

	@Test
	void aMemberRemovedFromTheSessionsTeamNoLongerSeesItNamedInTheHeader() {
		// given a member whose session's team is one they are then removed from, who keeps another team
		User owner = this.users.create("Rita Remover");
		User member = this.users.create("Ray Removed");
		String removedName = "Removed From " + UUID.randomUUID();
		UUID removedFrom = this.users.team(removedName, owner, member, "Member");
		String keptName = "Still In " + UUID.randomUUID();
		this.users.team(keptName, member);
		PortalHttp memberHttp = this.users.signedIn(this.port, member);
		assertThat(memberHttp.get("/teams/" + removedFrom).body())
			.contains("<span data-testid=\"switcher-current\">" + removedName + "</span>");

		// when the owner removes them
		String removal = "/teams/" + removedFrom + "/members/" + member.id() + "/remove";
		assertThat(this.users.signedIn(this.port, owner).submit(removal, removal, Map.of()).statusCode()).isEqualTo(302);

		// then the member's next pages name the team they are still in, never the one they left, on pages of the same
		// kind of visitor as before (the header is kept per kind, the team's name is the request's own)
		String account = memberHttp.get("/account").body();
		assertThat(account).contains("<span data-testid=\"switcher-current\">" + keptName + "</span>")
			.doesNotContain(removedName);
		assertThat(memberHttp.get("/teams/" + removedFrom).statusCode()).isEqualTo(404);
	}

}
