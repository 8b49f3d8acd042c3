package com.aventian.portal.team;

import java.util.UUID;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The members list's bytes are copied, encoded and sent with every page and htmx list (issue 10, docs/PERFORMANCE.md:
 * 2–6 µs of the machine's CPU per KB): a row carries no whitespace
 * between its tags, no attribute a browser or htmx would take as given anyway, and its grants links take their htmx
 * target and swap from their cell.
 */
@PortalTest
class MembersRowBytesTests {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Test
	void anOwnersRowCarriesNoWhitespaceBetweenItsTagsAndItsGrantsLinksInheritTheCellsTarget() {
		// given an owner and a member they may give roles to, remove and make owner
		User olga = this.users.create("Olga Owner");
		User bob = this.users.create("Bob Member");
		UUID team = this.users.team("Bytes " + UUID.randomUUID(), olga, bob, "Member");
		PortalHttp owner = this.users.signedIn(this.port, olga);

		// when the owner reads the page and the htmx list
		String page = owner.get("/teams/" + team + "/members").body();
		String list = owner.get("/teams/" + team + "/members", "HX-Request", "true").body();

		// then the member's row has every control, without whitespace between tags but the one a browser shows
		for (String body : new String[] { page, list }) {
			String row = rowOf(body, bob);
			assertThat(row).contains("<select name=\"roleId\"", "data-testid=\"remove-grant\"", "data-testid=\"add-grant\"",
					"/remove\">Remove</a>", "/ownership\" method=\"post\">")
				.doesNotContainPattern(">\\s+<(?!a class=\"link-button\" data-testid=\"remove-grant\")")
				.doesNotContain("\n", "type=\"submit\"");
			assertThat(row).contains("</span> <a class=\"link-button\" data-testid=\"remove-grant\"");
			assertThat(row).contains("<div id=\"grants-" + bob.id()
					+ "\" class=\"grants\" data-testid=\"member-grants\" data-hx-target=\"this\" data-hx-swap=\"outerHTML\">");
			assertThat(row.split("data-hx-target=", -1)).as("the role form's and the grants cell's").hasSize(3);
		}
	}

	/** The member's table row, from its opening tag to its closing one. */
	private static String rowOf(String body, User member) {
		int start = body.indexOf("<tr id=\"member-" + member.id() + "\"");
		assertThat(start).as("the row of " + member.id()).isNotNegative();
		return body.substring(start, body.indexOf("</tr>", start) + "</tr>".length());
	}

}
