package com.aventian.portal.provisioning;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.provisioning.ProvisioningFixture.Product;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The team's products page: who may subscribe, what the polled card says, and what never shows. */
@ProvisioningTest
class ProductsPageTests {

	@LocalServerPort
	int port;

	@Autowired
	ProvisioningFixture fixture;

	@Autowired
	TestUsers users;

	@Autowired
	Provisioner provisioner;

	@Autowired
	JdbcTemplate jdbc;

	private int subscriptionsOf(UUID team) {
		return this.jdbc.queryForObject("select count(*) from aventian.tbl_team_product_assoc where team_id = ?", Integer.class,
				team);
	}

	@Test
	void aViewerSeesTheCatalogueButNoSubscribeButtonAndACraftedSubscribeIsRefusedWithNothingStored() {
		User owner = this.users.create("Owner");
		User viewer = this.users.create("Viewer");
		UUID team = this.users.team("Viewers " + UUID.randomUUID().toString().substring(0, 6), owner, viewer, "Viewer");
		Product product = this.fixture.crm();
		PortalHttp browser = this.users.signedIn(this.port, viewer);

		HttpResponse<String> page = browser.get("/teams/" + team + "/products");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Product " + product.code()).doesNotContain("data-testid=\"subscribe\"");
		HttpResponse<String> crafted = browser.submit("/teams/" + team + "/products", "/teams/" + team + "/products/subscribe",
				Map.of("productId", product.id().toString()));
		assertThat(crafted.statusCode()).isEqualTo(403);
		assertThat(subscriptionsOf(team)).isZero();
	}

	@Test
	void theCardPollsWhileProvisioningStopsOnceActiveAndShowsTheDashboardLinkButNoCredentialAndCancellingAsksFirst() {
		User owner = this.users.create("Owner");
		UUID team = this.users.team("Cards " + UUID.randomUUID().toString().substring(0, 6), owner);
		Product product = this.fixture.crm();
		UUID id = this.fixture.pendingSubscription(new ProvisioningFixture.Team(team, owner), product);
		PortalHttp browser = this.users.signedIn(this.port, owner);
		String card = "/teams/" + team + "/subscriptions/" + id;

		HttpResponse<String> provisioning = browser.get(card, "HX-Request", "true");
		assertThat(provisioning.statusCode()).isEqualTo(200);
		assertThat(provisioning.body()).contains("data-hx-trigger=\"every 1s\"").contains("Preparing the database");

		this.provisioner.run(id);
		HttpResponse<String> active = browser.get(card, "HX-Request", "true");

		HttpResponse<String> cancelPage = browser.get("/teams/" + team + "/subscriptions/" + id + "/cancel");
		assertThat(cancelPage.statusCode()).isEqualTo(200);
		assertThat(cancelPage.body()).contains("loses access to the database of the team at once");
		assertThat(active.body()).doesNotContain("data-hx-trigger").contains("data-status=\"ACTIVE\"")
			.contains("https://" + product.code() + ".example.com/dashboard")
			.doesNotContain(TenantNames.of(id).role())
			.doesNotContain("jdbc:");
	}

	@Test
	void aMemberOfAnotherTeamCannotCancelThisTeamsSubscriptionNeitherThroughItsTeamNorTheirOwn() {
		User owner = this.users.create("Owner");
		UUID team = this.users.team("Mine " + UUID.randomUUID().toString().substring(0, 6), owner);
		Product product = this.fixture.crm();
		UUID id = this.fixture.pendingSubscription(new ProvisioningFixture.Team(team, owner), product);
		this.provisioner.run(id);
		User stranger = this.users.create("Stranger");
		UUID strangers = this.users.team("Theirs " + UUID.randomUUID().toString().substring(0, 6), stranger);
		PortalHttp browser = this.users.signedIn(this.port, stranger);

		HttpResponse<String> theirTeam = browser.submit("/teams/" + strangers + "/products",
				"/teams/" + team + "/subscriptions/" + id + "/cancel", Map.of());
		HttpResponse<String> ownTeam = browser.submit("/teams/" + strangers + "/products",
				"/teams/" + strangers + "/subscriptions/" + id + "/cancel", Map.of());

		assertThat(theirTeam.statusCode()).isEqualTo(404);
		assertThat(ownTeam.statusCode()).isEqualTo(404);
		assertThat(this.fixture.status(id)).isEqualTo("ACTIVE");
	}

}
