package com.aventian.portal.rbac;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.rbac.RbacFixture.Product;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The members page shows each member's grants (scoped ones as "Role on resource") and adds and removes them with htmx. */
@PortalTest
class MembersPageGrantsTests {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	RbacFixture fixture;

	@Autowired
	Authorization authorization;

	User owner;

	User bob;

	UUID team;

	UUID acme;

	UUID sales;

	UUID invisible;

	String read;

	PortalHttp ownerHttp;

	@BeforeEach
	void givenAnOwnerHoldingAProductPrivilegeAndAMember() {
		Product crm = this.fixture.product();
		this.read = this.fixture.privilege(crm, "contact.read");
		this.owner = this.users.create("Olga Owner");
		this.bob = this.users.create("Bob Member");
		this.team = this.users.team("Grants page " + UUID.randomUUID(), this.owner, this.bob, "Member");
		this.acme = this.fixture.resource(this.team, crm, "contact", "ACME");
		this.sales = this.fixture.role(this.team, "Sales", false, true, this.read);
		this.invisible = this.fixture.role(this.team, "Hidden support", true, false, "team.read");
		this.fixture.grant(this.team, this.owner.id(), this.sales, null);
		this.fixture.grant(this.team, this.bob.id(), this.invisible, null);
		this.ownerHttp = this.users.signedIn(this.port, this.owner);
	}

	String members() {
		return this.ownerHttp.get("/teams/" + this.team + "/members").body();
	}

	@Test
	void aScopedGrantShowsAsRoleOnResourceAndAnInvisibleRoleNeverShows() {
		this.fixture.grant(this.team, this.bob.id(), this.sales, this.acme);

		String page = members();

		assertThat(page).contains("Sales on contact &#39;ACME&#39;").doesNotContain("Hidden support");
	}

	@Test
	void theAddFormOffersTheTeamsResourcesAndAddingReturnsTheMembersGrantsWithTheNewOne() {
		String form = this.ownerHttp.get("/teams/" + this.team + "/members/" + this.bob.id() + "/grants/new", "HX-Request",
				"true").body();
		assertThat(form).contains("contact &#39;ACME&#39;").contains(">Sales</option>").doesNotContain("Hidden support");

		HttpResponse<String> added = this.ownerHttp.submitWithHeaders("/teams/" + this.team + "/members",
				"/teams/" + this.team + "/members/" + this.bob.id() + "/grants",
				Map.of("roleId", this.sales.toString(), "resourceId", this.acme.toString()), "HX-Request", "true");

		assertThat(added.body()).contains("id=\"grants-" + this.bob.id() + "\"")
			.contains("Added Sales on contact &#39;ACME&#39;.")
			// the redrawn cell keeps its buttons: the next change needs no reload
			.contains("data-testid=\"remove-grant\"")
			.contains("data-testid=\"add-grant\"");
		assertThat(this.authorization.can(this.bob.id(), this.team, this.read, this.acme)).isTrue();
	}

	@Test
	void removingAGrantThatTakesPrivilegesAwayShowsWhatIsLostBeforeItIsConfirmed() {
		UUID grant = this.fixture.grant(this.team, this.bob.id(), this.sales, this.acme);
		String path = "/teams/" + this.team + "/members/" + this.bob.id() + "/grants/" + grant + "/remove";

		String preview = this.ownerHttp.get(path, "HX-Request", "true").body();
		assertThat(preview).contains("data-testid=\"confirm-removal\"").contains("Bob Member would lose:").contains(this.read);
		assertThat(this.authorization.can(this.bob.id(), this.team, this.read, this.acme)).isTrue();

		String removed = this.ownerHttp.submitWithHeaders("/teams/" + this.team + "/members", path, Map.of(), "HX-Request",
				"true").body();

		assertThat(removed).contains("Removed Sales on contact &#39;ACME&#39;.");
		assertThat(this.authorization.can(this.bob.id(), this.team, this.read, this.acme)).isFalse();
	}

	@Test
	void withoutHtmxTheSamePiecesComeAsAPage() {
		HttpResponse<String> page = this.ownerHttp.get("/teams/" + this.team + "/members/" + this.bob.id() + "/grants");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("data-testid=\"add-grant-form\"").contains("Member");
	}

}
