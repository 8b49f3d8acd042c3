package com.aventian.portal.auditviewer;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.AccountService;
import com.aventian.portal.account.User;
import com.aventian.portal.apikey.ApiKeys;
import com.aventian.portal.audit.AuditActions;
import com.aventian.portal.billing.BillingSubscriptions;
import com.aventian.portal.product.PlatformAdmin;
import com.aventian.portal.product.ProductForm;
import com.aventian.portal.product.ProductRegistry;
import com.aventian.portal.team.TeamService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit viewer over HTTP: who sees which team's events, the filters, keyset pages, the detail. */
@PortalTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditViewerTests {

	private static final Pattern EVENT_LINK = Pattern.compile("/audit/events/(\\d+)\"");

	private static final Pattern OLDER_LINK = Pattern.compile("data-testid=\"older\" href=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	TeamService teams;

	@Autowired
	AccountService accounts;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ProductRegistry registry;

	@Autowired
	ApiKeys apiKeys;

	@Autowired
	BillingSubscriptions billing;

	User ownerOfA;

	User viewerOfA;

	User ownerOfB;

	UUID teamA;

	UUID teamB;

	PortalHttp owner;

	@BeforeAll
	void twoTeams() {
		this.ownerOfA = this.users.create("Ada Audit");
		this.viewerOfA = this.users.create("Val Viewer");
		this.teamA = this.users.team("Audited " + UUID.randomUUID(), this.ownerOfA, this.viewerOfA, "Viewer");
		this.ownerOfB = this.users.create("Bea Bravo");
		this.teamB = this.users.team("Other " + UUID.randomUUID(), this.ownerOfB);
		this.owner = this.users.signedIn(this.port, this.ownerOfA);
	}

	String audit(UUID team) {
		return "/teams/" + team + "/audit";
	}

	@Test
	void aTeamAdminSeesTheTeamsEventsAndNoneOfAnotherTeam() {
		// given a rename in each team
		rename(this.teamA, this.ownerOfA, "Renamed A " + UUID.randomUUID());
		String otherName = "Renamed B " + UUID.randomUUID();
		rename(this.teamB, this.ownerOfB, otherName);

		// when the owner of A opens A's audit log
		HttpResponse<String> page = this.owner.get(audit(this.teamA));

		// then A's events show and B's do not
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(rowsOf(page.body(), "data-action=\"")).contains("TEAM_CREATED", "TEAM_RENAMED");
		assertThat(page.body()).contains(this.ownerOfA.email())
			.doesNotContain(this.ownerOfB.email()).doesNotContain(otherName);
	}

	@Test
	void aMemberOfAnotherTeamGets404AndAMemberWithoutAuditReadGets403() {
		PortalHttp outsider = this.users.signedIn(this.port, this.ownerOfB);
		PortalHttp viewer = this.users.signedIn(this.port, this.viewerOfA);

		assertThat(outsider.get(audit(this.teamA)).statusCode()).isEqualTo(404);
		assertThat(outsider.get(audit(this.teamA) + "/export.csv").statusCode()).isEqualTo(404);
		assertThat(viewer.get(audit(this.teamA)).statusCode()).isEqualTo(403);
		assertThat(viewer.get(audit(this.teamA) + "/export.csv").statusCode()).isEqualTo(403);
	}

	@Test
	void anEventOfAnotherTeamNamedUnderOnesOwnTeamIs404() {
		long eventOfB = this.jdbc.queryForObject("select id from aventian_audit.tbl_audit_events where team_id = ? "
				+ "and action = 'TEAM_CREATED'", Long.class, this.teamB);

		HttpResponse<String> response = this.owner.get(audit(this.teamA) + "/events/" + eventOfB);

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).doesNotContain(this.ownerOfB.email());
	}

	@Test
	void theDetailShowsTheValueBeforeAndAfterSideBySide() {
		String before = this.teams.team(this.teamA).name();
		String after = "Side by side " + UUID.randomUUID();
		rename(this.teamA, this.ownerOfA, after);
		long event = this.jdbc.queryForObject("select id from aventian_audit.tbl_audit_events where team_id = ? "
				+ "and action = 'TEAM_RENAMED' and details ->> 'to' = ?", Long.class, this.teamA, after);

		String detail = this.owner.get(audit(this.teamA) + "/events/" + event).body();

		assertThat(detail).contains("data-testid=\"change-before\">" + before + "<")
			.contains("data-testid=\"change-after\">" + after + "<");
	}

	@Test
	void aProductsOwnEventsShowAndFilterByTheirActionOrTheirProduct() throws Exception {
		// given a product of team A writing one of its own events through the API
		User adminUser = this.users.create("Pru Products");
		PlatformAdmin admin = new PlatformAdmin(adminUser.id(), adminUser.email());
		String code = "v" + UUID.randomUUID().toString().replace("-", "").substring(0, 9);
		UUID product = this.registry.create(admin, new ProductForm(code, "Viewed " + code, "", "", "")).id();
		this.registry.associateTeam(admin, this.teamA, product);
		String key = this.apiKeys.create(product, "viewer test", null, adminUser.id(), adminUser.email()).secret();
		HttpResponse<String> written = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/audit-events"))
				.header("Authorization", "Bearer " + key)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"teamId\":\"" + this.teamA
						+ "\",\"action\":\"TICKET_CLOSED\",\"targetType\":\"ticket\",\"targetId\":\"T-7\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(written.statusCode()).isEqualTo(201);
		String action = code.toUpperCase() + "_TICKET_CLOSED";

		// when the team's admin filters by the product's action, then by the product
		HttpResponse<String> byAction = this.owner.get(audit(this.teamA) + "?action=" + action.toLowerCase());
		HttpResponse<String> byProduct = this.owner.get(audit(this.teamA) + "?product=" + product);
		HttpResponse<String> export = this.owner.get(audit(this.teamA) + "/export.csv?action=" + action);

		// then the event shows, its action chosen in the list, and the export has it
		assertThat(byAction.statusCode()).isEqualTo(200);
		assertThat(rowsOf(byAction.body(), "data-action=\"")).containsOnly(action);
		assertThat(byAction.body()).containsPattern("<option value=\"" + action + "\"\\s+selected");
		assertThat(rowsOf(byProduct.body(), "data-action=\"")).contains(action, "TEAM_PRODUCT_ASSOCIATED");
		assertThat(export.statusCode()).isEqualTo(200);
		assertThat(export.body()).contains(action).contains("T-7");
	}

	@Test
	void anActionOfNoRegisteredProductIsRefusedWithAMessage() {
		HttpResponse<String> response = this.owner.get(audit(this.teamA) + "?action=NO_SUCH_PRODUCT_TICKET_CLOSED");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("Unknown action: choose one from the list.");
	}

	@Test
	void filtersByActorAndActionNarrowTheList() {
		rename(this.teamA, this.ownerOfA, "Filtered " + UUID.randomUUID());

		String page = this.owner.get(audit(this.teamA) + "?actor=" + encode(this.ownerOfA.email().toUpperCase())
				+ "&action=team_renamed").body();

		assertThat(rowsOf(page, "data-action=\"")).isNotEmpty().allMatch("TEAM_RENAMED"::equals);
	}

	@Test
	void theFiltersOfferEveryAuditedActionAndTargetAndFindABillingChange() {
		// given the team's billing details changed
		this.billing.updateTeamBilling(this.ownerOfA.id(), this.ownerOfA.email(), this.teamA, "books@example.com", "", "UTC");

		String page = this.owner.get(audit(this.teamA)).body();
		HttpResponse<String> byAction = this.owner.get(audit(this.teamA) + "?action=BILLING_DETAILS_CHANGED&target=team");
		HttpResponse<String> byTarget = this.owner.get(audit(this.teamA) + "?target=subscription");

		assertThat(AuditActions.ALL).allSatisfy((action) -> assertThat(page).contains("<option value=\"" + action + "\""));
		assertThat(AuditActions.TARGET_TYPES).allSatisfy((target) -> assertThat(page).contains("<option value=\"" + target + "\""));
		assertThat(byAction.statusCode()).isEqualTo(200);
		assertThat(rowsOf(byAction.body(), "data-action=\"")).isNotEmpty().allMatch("BILLING_DETAILS_CHANGED"::equals);
		assertThat(byTarget.statusCode()).isEqualTo(200);
	}

	@Test
	void theExportLinkCarriesTheFilterAsTypedPlusSignsIncluded() {
		String page = this.owner.get(audit(this.teamA) + "?actor=" + encode("ada+audit@example.com") + "&action=TEAM_RENAMED")
			.body();

		assertThat(page).contains("/audit/export.csv?actor=ada%2Baudit%40example.com&amp;action=TEAM_RENAMED\"");
	}

	@Test
	void keysetPagesWalkEveryEventOnceNewestFirst() {
		// given 120 events of one actor in a team
		User busy = this.users.create("Busy Bee");
		UUID team = this.users.team("Busy " + UUID.randomUUID(), busy);
		for (int i = 0; i < 119; i++) {
			rename(team, busy, "Busy " + i + " " + UUID.randomUUID());
		}
		PortalHttp http = this.users.signedIn(this.port, busy);

		// when the owner follows "Older" to the end
		List<Long> seen = new ArrayList<>();
		String path = audit(team);
		int pages = 0;
		while (path != null) {
			String page = http.get(path).body();
			Matcher events = EVENT_LINK.matcher(page);
			while (events.find()) {
				seen.add(Long.parseLong(events.group(1)));
			}
			Matcher older = OLDER_LINK.matcher(page);
			path = older.find() ? older.group(1).replace("&amp;", "&") : null;
			pages++;
		}

		// then three pages held all 120, each once, newest first
		assertThat(pages).isEqualTo(3);
		assertThat(seen).hasSize(120).doesNotHaveDuplicates();
		assertThat(seen).isSortedAccordingTo((a, b) -> Long.compare(b, a));
	}

	@Test
	void aPlatformAdminSeesEveryTeamsEventsAndMayFilterByTeam() {
		User admin = this.users.create("Pat Platform");
		this.accounts.grantPlatformAdmin(admin.id());
		PortalHttp platform = this.users.signedIn(this.port, admin);

		String all = platform.get("/admin/audit?action=TEAM_CREATED").body();
		String onlyB = platform.get("/admin/audit?action=TEAM_CREATED&team=" + this.teamB).body();

		assertThat(all).contains(this.teamA.toString()).contains(this.teamB.toString());
		assertThat(onlyB).contains(this.teamB.toString()).doesNotContain(this.teamA.toString());
	}

	@Test
	void thePlatformViewerIsForPlatformAdminsOnly() {
		assertThat(this.owner.get("/admin/audit").statusCode()).isEqualTo(403);
		assertThat(this.owner.get("/admin/audit/export.csv").statusCode()).isEqualTo(403);
		assertThat(this.owner.get("/admin/audit/logins").statusCode()).isEqualTo(403);
	}

	@Test
	void aTeamAdminSeesTheTeamsSwitchesButNotSignInsElsewhere() {
		this.teams.switchTo(this.teamA, this.ownerOfA.id(), this.ownerOfA.email(), null);

		String logins = this.owner.get(audit(this.teamA) + "/logins").body();

		assertThat(rowsOf(logins, "data-testid=\"login-action\">", "<")).contains("TEAM_SWITCHED").doesNotContain("LOGIN");
	}

	@Nested
	class BadInput {

		@ParameterizedTest
		@ValueSource(strings = { "from=2026-03-10&to=2026-03-01", "from=1850-01-01", "to=9999-12-31", "from=yesterday",
				"action=DROP_TABLES", "target=spaceship", "team=" + "00000000-0000-0000-0000-000000000000",
				"product=not-a-product" })
		void aBadFilterIsToldWhyAndKeepsWhatWasTyped(String query) {
			HttpResponse<String> response = AuditViewerTests.this.owner.get(audit(AuditViewerTests.this.teamA) + "?" + query);

			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.body()).contains("data-testid=\"filter-errors\"").contains("class=\"field-error\"")
				.doesNotContain("data-testid=\"audit-row\"");
		}

		@Test
		void aReversedDateRangeSaysSo() {
			String body = AuditViewerTests.this.owner
				.get(audit(AuditViewerTests.this.teamA) + "?from=2026-03-10&to=2026-03-01").body();

			assertThat(body).contains("The end date is before the start date.").contains("value=\"2026-03-10\"");
		}

		@Test
		void aTenThousandCharacterFilterIsRefusedWithAMessageNeverA500() {
			String huge = "x".repeat(10_000);

			HttpResponse<String> page = AuditViewerTests.this.owner
				.get(audit(AuditViewerTests.this.teamA) + "?text=" + huge);
			HttpResponse<String> export = AuditViewerTests.this.owner
				.get(audit(AuditViewerTests.this.teamA) + "/export.csv?actor=" + huge);

			assertThat(page.statusCode()).isEqualTo(400);
			assertThat(page.body()).contains("At most 254 characters.");
			assertThat(export.statusCode()).isEqualTo(400);
			assertThat(export.body()).contains("actor: At most 254 characters.");
		}

		@ParameterizedTest
		@ValueSource(strings = { "older=garbage", "older=99999999999999999999.1", "older=-1.-1", "older=1.%00" })
		void aHandEditedPageLinkNeverBreaksThePage(String query) {
			assertThat(AuditViewerTests.this.owner.get(audit(AuditViewerTests.this.teamA) + "?" + query).statusCode())
				.isLessThan(500);
		}

		@Test
		void anEventIdThatIsNotANumberOrNotAnEventIs404() {
			assertThat(AuditViewerTests.this.owner.get(audit(AuditViewerTests.this.teamA) + "/events/abc").statusCode())
				.isEqualTo(404);
			assertThat(AuditViewerTests.this.owner.get(audit(AuditViewerTests.this.teamA) + "/events/" + Long.MAX_VALUE)
				.statusCode()).isEqualTo(404);
		}

		@Test
		void todayIsAcceptedAsTheEndOfTheRange() {
			String today = LocalDate.now(ZoneOffset.UTC).toString();

			assertThat(AuditViewerTests.this.owner.get(audit(AuditViewerTests.this.teamA) + "?from=" + today + "&to=" + today)
				.statusCode()).isEqualTo(200);
		}

	}

	private void rename(UUID team, User actor, String name) {
		this.teams.rename(team, actor.id(), actor.email(), name, this.teams.team(team).version());
	}

	private static List<String> rowsOf(String page, String marker) {
		return rowsOf(page, marker, "\"");
	}

	private static List<String> rowsOf(String page, String marker, String end) {
		List<String> values = new ArrayList<>();
		Matcher matcher = Pattern.compile(Pattern.quote(marker) + "([^\"<]+)" + Pattern.quote(end)).matcher(page);
		while (matcher.find()) {
			values.add(matcher.group(1));
		}
		return values;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
