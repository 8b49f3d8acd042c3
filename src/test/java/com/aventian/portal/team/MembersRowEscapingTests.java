package com.aventian.portal.team;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.AccountService;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member's row writes every user-supplied string escaped, in text and in attributes: the display name, the
 * e-mail, the role names in the picker's options (drawn once per page and marked per row) and in the grants cell.
 * Covers the full page, the htmx list and the row served alone after a role change.
 */
@PortalTest
class MembersRowEscapingTests {

	private static final String NAME = "<b>Bob & \"Bobby\" O'Neil</b>";

	private static final String NAME_ESCAPED = "&lt;b&gt;Bob &amp; &quot;Bobby&quot; O&#39;Neil&lt;/b&gt;";

	private static final String ROLE = "<i>\"Sales\" & 'Co'</i>";

	private static final String ROLE_ESCAPED = "&lt;i&gt;&quot;Sales&quot; &amp; &#39;Co&#39;&lt;/i&gt;";

	private static final Pattern SELECTED = Pattern.compile("<option value=\"([^\"]+)\" selected=\"selected\">([^<]*)</option>");

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	AccountService accounts;

	@Autowired
	JdbcTemplate jdbc;

	User bob;

	UUID team;

	UUID hostileRole;

	UUID admin;

	PortalHttp owner;

	@BeforeEach
	void givenAMemberAndARoleWithMarkupInTheirNames() {
		User olga = this.users.create("Olga Owner");
		String local = "o'neil&co." + UUID.randomUUID().toString().substring(0, 8);
		this.bob = this.accounts.createVerifiedUser(local + "@example.com", NAME, TestUsers.PASSWORD);
		this.team = this.users.team("Escaping " + UUID.randomUUID(), olga, this.bob, "Member");
		this.hostileRole = this.users.roleId(this.team, "Member");
		this.jdbc.update("update aventian.tbl_roles set name = ? where id = ?", ROLE, this.hostileRole);
		this.admin = this.users.roleId(this.team, "Admin");
		this.owner = this.users.signedIn(this.port, olga);
	}

	@Test
	void thePageAndTheHtmxListEscapeTheNameTheEmailAndTheRoleInTextAndAttributes() {
		String page = this.owner.get("/teams/" + this.team + "/members").body();
		String list = this.owner.get("/teams/" + this.team + "/members", "HX-Request", "true").body();

		for (String body : new String[] { page, list }) {
			String row = rowOf(body, this.bob);
			assertThat(body).doesNotContain(NAME).doesNotContain(ROLE).doesNotContain("o'neil&co");
			assertThat(row).contains("data-email=\"" + this.bob.email().replace("&", "&amp;").replace("'", "&#39;") + "\"")
				.contains(">" + NAME_ESCAPED + "</td>")
				.contains(">Role of " + NAME_ESCAPED + "</label>")
				.contains(">" + ROLE_ESCAPED + "</span>")
				.contains("aria-label=\"Remove " + ROLE_ESCAPED + "\"");
			assertThat(selectedOptionsOf(row)).containsExactly(this.hostileRole + "\">" + ROLE_ESCAPED);
		}
	}

	@Test
	void theRowRedrawnAfterARoleChangeEscapesAsThePageDoesAndSelectsTheNewRole() {
		String page = this.owner.get("/teams/" + this.team + "/members").body();
		Matcher version = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(rowOf(page, this.bob));
		assertThat(version.find()).isTrue();

		HttpResponse<String> changed = this.owner.submitWithHeaders("/teams/" + this.team + "/members",
				"/teams/" + this.team + "/members/" + this.bob.id() + "/role",
				Map.of("roleId", this.admin.toString(), "version", version.group(1)), "HX-Request", "true");

		String row = changed.body();
		assertThat(changed.statusCode()).isEqualTo(200);
		assertThat(row.strip()).startsWith("<tr id=\"member-" + this.bob.id() + "\"");
		assertThat(row).doesNotContain(NAME).doesNotContain(ROLE)
			.contains(">" + NAME_ESCAPED + "</td>")
			.contains(NAME_ESCAPED + " is now Admin.")
			.contains("name=\"_csrf\"")
			// the role left behind is still offered, escaped, and no longer selected
			.contains("<option value=\"" + this.hostileRole + "\">" + ROLE_ESCAPED + "</option>");
		assertThat(selectedOptionsOf(row)).containsExactly(this.admin + "\">Admin");
	}

	@Test
	void aNameAndAResourceMadeToBreakOutOfTheRowStayTextWhereverTheJavaWrittenRowShowsThem() {
		// given a member named to close the attribute and the row and open a script, holding a role on a resource
		// named likewise (the grants cell's label, link name and the picker's label all carry them)
		String breakout = "\"><script>alert('x')</script></td></tr><tr id=\"evil";
		User eve = this.accounts.createVerifiedUser("eve." + UUID.randomUUID().toString().substring(0, 8) + "@example.com",
				breakout, TestUsers.PASSWORD);
		User otto = this.users.create("Otto Owner");
		UUID eveTeam = this.users.team("Breakout " + UUID.randomUUID(), otto, eve, "Member");
		String product = "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		UUID productId = this.jdbc.queryForObject("insert into aventian.tbl_master_products (code, name, allowed_resource_types) "
				+ "values (?, ?, array['contact']) returning id", UUID.class, product, "Product " + product);
		UUID resource = this.jdbc.queryForObject("insert into aventian.tbl_resources (team_id, product_id, resource_type, "
				+ "external_id, display_name) values (?, ?, 'contact', ?, ?) returning id", UUID.class, eveTeam, productId,
				UUID.randomUUID().toString(), breakout);
		this.jdbc.update("insert into aventian.tbl_user_roles (team_id, user_id, role_id, resource_id) values (?, ?, ?, ?)",
				eveTeam, eve.id(), this.users.roleId(eveTeam, "Member"), resource);

		// when the owner reads the page, the htmx list and the member's grants cell served alone
		PortalHttp ottoHttp = this.users.signedIn(this.port, otto);
		String page = ottoHttp.get("/teams/" + eveTeam + "/members").body();
		String list = ottoHttp.get("/teams/" + eveTeam + "/members", "HX-Request", "true").body();
		String cell = ottoHttp.get("/teams/" + eveTeam + "/members/" + eve.id() + "/grants", "HX-Request", "true").body();

		// then nothing of it is markup: no script, no extra row, every place holds the escaped text
		String escaped = "&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;/td&gt;&lt;/tr&gt;&lt;tr id=&quot;evil";
		for (String body : new String[] { page, list }) {
			assertThat(body).doesNotContain("<script>alert").doesNotContain("id=\"evil");
			String row = rowOf(body, eve);
			assertThat(row).contains(">" + escaped + "</td>")
				.contains(">Role of " + escaped + "</label>")
				.contains("<span>Member on contact &#39;" + escaped + "&#39;</span>")
				.contains("aria-label=\"Remove Member on contact &#39;" + escaped + "&#39;\"");
			assertThat(body.split("data-testid=\"member-row\"", -1)).hasSize(3);
		}
		assertThat(cell).doesNotContain("<script>alert").contains("<span>Member on contact &#39;" + escaped + "&#39;</span>");
	}

	/** The member's table row, from its opening tag to its closing one. */
	private static String rowOf(String body, User member) {
		int start = body.indexOf("<tr id=\"member-" + member.id() + "\"");
		assertThat(start).as("the row of " + member.id()).isNotNegative();
		return body.substring(start, body.indexOf("</tr>", start));
	}

	/** The selected options, each as {@code <id>">text}. */
	private static List<String> selectedOptionsOf(String row) {
		return SELECTED.matcher(row).results().map((option) -> option.group(1) + "\">" + option.group(2)).toList();
	}

}
