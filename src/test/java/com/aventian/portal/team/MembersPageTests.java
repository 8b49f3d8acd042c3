package com.aventian.portal.team;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.audit.AuditLog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@PortalTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MembersPageTests {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	AuditLog audit;

	@Autowired
	JdbcTemplate jdbc;

	User owner;

	UUID team;

	PortalHttp http;

	@BeforeAll
	void aTeamOfTwentyFive() {
		this.owner = this.users.create("Aaron Owner");
		List<Object> members = new ArrayList<>();
		for (int i = 1; i <= 24; i++) {
			members.add(this.users.create(String.format("Member %02d", i)));
			members.add("Member");
		}
		this.team = this.users.team("Crowd " + UUID.randomUUID(), this.owner, members.toArray());
		this.http = this.users.signedIn(this.port, this.owner);
	}

	@Test
	void membersArePagedTwentyAtATime() {
		String first = this.http.get("/teams/" + this.team + "/members").body();
		String second = this.http.get("/teams/" + this.team + "/members?page=2").body();

		assertThat(first).contains("25 members").contains("Page 1 of 2").contains("Aaron Owner").contains("Member 19")
			.doesNotContain("Member 20");
		assertThat(second).contains("Page 2 of 2").contains("Member 20").contains("Member 24").doesNotContain("Member 19");
		assertThat(this.http.get("/teams/" + this.team + "/members?page=99").body()).contains("Page 2 of 2");
		assertThat(this.http.get("/teams/" + this.team + "/members?page=abc").body()).contains("Page 1 of 2");
	}

	@Test
	void eachRequestGetsTheDatesOfItsOwnLocaleThoughTheRowsTextsAreKeptPerLocale() {
		// given the owner joined in March (a month whose short name differs between English and German)
		Instant joined = Instant.parse("2026-03-15T12:00:00Z");
		this.jdbc.update("update aventian.tbl_memberships set joined_at = ? where team_id = ? and user_id = ?",
				Timestamp.from(joined), this.team, this.owner.id());
		String english = joinedOn(joined, Locale.ENGLISH);
		String german = joinedOn(joined, Locale.GERMAN);
		assertThat(english).isNotEqualTo(german);

		// when the list is asked for in one locale, then the other, then the first again
		String first = this.http.get("/teams/" + this.team + "/members", "HX-Request", "true", "Accept-Language", "en").body();
		String second = this.http.get("/teams/" + this.team + "/members", "HX-Request", "true", "Accept-Language", "de").body();
		String third = this.http.get("/teams/" + this.team + "/members", "HX-Request", "true", "Accept-Language", "en").body();

		// then each shows the date as its own locale writes it
		assertThat(first).contains("<td>" + english + "</td>").doesNotContain(german);
		assertThat(second).contains("<td>" + german + "</td>").doesNotContain(english);
		assertThat(third).contains("<td>" + english + "</td>").doesNotContain(german);
	}

	@Test
	void twoLocalesAskedForAtOnceEachGetTheirOwnDatesFromTheSharedFormats() throws Exception {
		// given the owner joined in March, and two sessions of the owner's, one reading English, one German
		Instant joined = Instant.parse("2026-03-15T12:00:00Z");
		this.jdbc.update("update aventian.tbl_memberships set joined_at = ? where team_id = ? and user_id = ?",
				Timestamp.from(joined), this.team, this.owner.id());
		PortalHttp englishReader = this.users.signedIn(this.port, this.owner);
		PortalHttp germanReader = this.users.signedIn(this.port, this.owner);

		// when both ask for the list again and again at the same time (each locale's formats are kept and shared)
		ExecutorService pool = Executors.newFixedThreadPool(2);
		CountDownLatch start = new CountDownLatch(1);
		try {
			CompletableFuture<List<String>> english = CompletableFuture.supplyAsync(() -> lists(englishReader, "en", start), pool);
			CompletableFuture<List<String>> german = CompletableFuture.supplyAsync(() -> lists(germanReader, "de", start), pool);
			start.countDown();

			// then every answer shows the date as its own locale writes it, never the other's
			assertThat(english.get()).hasSize(15).allSatisfy((list) -> assertThat(list)
				.contains("<td>" + joinedOn(joined, Locale.ENGLISH) + "</td>").doesNotContain(joinedOn(joined, Locale.GERMAN)));
			assertThat(german.get()).hasSize(15).allSatisfy((list) -> assertThat(list)
				.contains("<td>" + joinedOn(joined, Locale.GERMAN) + "</td>").doesNotContain(joinedOn(joined, Locale.ENGLISH)));
		}
		finally {
			pool.shutdownNow();
		}
	}

	private List<String> lists(PortalHttp http, String language, CountDownLatch start) {
		try {
			start.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		List<String> lists = new ArrayList<>();
		for (int i = 0; i < 15; i++) {
			lists.add(http.get("/teams/" + this.team + "/members", "HX-Request", "true", "Accept-Language", language).body());
		}
		return lists;
	}

	private static String joinedOn(Instant joined, Locale locale) {
		return DateTimeFormatter.ofPattern("d MMM yyyy", locale).withZone(ZoneId.systemDefault()).format(joined);
	}

	@Test
	void aPageNumberWhoseOffsetOverflowsAnIntGivesTheLastPageNotAnError() {
		// (page - 1) * 20 past Integer.MAX_VALUE wrapped to a negative OFFSET, which PostgreSQL refuses (review14)
		for (String page : List.of("107374184", "200000000", "2147483647")) {
			HttpResponse<String> answer = this.http.get("/teams/" + this.team + "/members?page=" + page);
			assertThat(answer.statusCode()).as(page).isEqualTo(200);
			assertThat(answer.body()).as(page).contains("Page 2 of 2").contains("Member 24");
			HttpResponse<String> list = this.http.get("/teams/" + this.team + "/members?q=member&page=" + page, "HX-Request", "true");
			assertThat(list.statusCode()).as("search, " + page).isEqualTo(200);
			assertThat(list.body()).as("search, " + page).contains("Member 24");
		}
	}

	@Test
	void searchMatchesNameOrEmailAndTheHtmxVariantReturnsOnlyTheList() {
		String byName = this.http.get("/teams/" + this.team + "/members?q=member%2007").body();
		String byEmail = this.http.get("/teams/" + this.team + "/members?q=aaron.owner").body();
		String htmx = this.http.get("/teams/" + this.team + "/members?q=member%2007", "HX-Request", "true").body();
		String wildcard = this.http.get("/teams/" + this.team + "/members?q=%25").body();

		assertThat(byName).contains("1 member").contains("Member 07").doesNotContain("Member 08");
		assertThat(byEmail).contains("Aaron Owner").doesNotContain("Member 01");
		assertThat(htmx).startsWith("<div id=\"members-list\">").doesNotContain("<html");
		assertThat(wildcard).contains("No member matches your search.");
	}

	@Test
	void aMemberWhoLeavesIsAudited() {
		User leaver = this.users.create("Lee Leaver");
		UUID small = this.users.team("Small " + UUID.randomUUID(), this.owner, leaver, "Member");
		PortalHttp leaverHttp = this.users.signedIn(this.port, leaver);

		assertThat(leaverHttp.submitWithHeaders("/teams/new", "/teams/" + small + "/leave", Map.of()).statusCode()).isEqualTo(302);

		assertThat(leaverHttp.get("/teams/" + small).statusCode()).isEqualTo(404);
		assertThat(this.audit.eventsAbout("user", leaver.id().toString())).extracting((event) -> event.action())
			.contains("MEMBER_LEFT");
	}

	@Test
	void theInvitePeopleButtonShowsOnlyToThoseWhoMayInvite() {
		User admin = this.users.create("Ines Inviter");
		User member = this.users.create("Moe Member");
		UUID team = this.users.team("Button " + UUID.randomUUID(), this.owner, admin, "Admin", member, "Member");
		String invitations = "href=\"/teams/" + team + "/invitations\"";

		String asAdmin = this.users.signedIn(this.port, admin).get("/teams/" + team + "/members").body();
		String asMember = this.users.signedIn(this.port, member).get("/teams/" + team + "/members").body();

		assertThat(asAdmin).contains("data-testid=\"invite-people\"").contains(invitations);
		assertThat(asMember).doesNotContain("data-testid=\"invite-people\"").doesNotContain(invitations);
	}

}
