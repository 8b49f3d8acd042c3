package com.aventian.portal.product;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.AccountService;
import com.aventian.portal.account.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform admin pages are for platform admins only: every /admin route, taken from the live request mappings,
 * answers 403 to a signed-in person who is not one (team owners included), and nothing changes.
 */
@PortalTest
class AdminAccessTests {

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	AccountService accounts;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	static List<String[]> adminRoutes;

	@Autowired
	void collect(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
		List<String[]> routes = new ArrayList<>();
		mappings.getHandlerMethods().forEach((info, handler) -> {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
				if (pattern.startsWith("/admin")) {
					routes.add(new String[] { methods.isEmpty() ? "GET" : methods.iterator().next().name(), pattern });
				}
			}
		});
		adminRoutes = routes;
	}

	String state() {
		return this.jdbc.queryForObject("""
				select (select count(*) from aventian.tbl_master_products) || ':' || (select count(*) from aventian.tbl_privileges)
				  || ':' || (select count(*) from aventian.tbl_role_templates) || ':' || (select count(*) from aventian.tbl_team_product_assoc)
				  || ':' || (select coalesce(sum(version), 0) from aventian.tbl_master_products)""", String.class);
	}

	@Test
	void everyAdminRouteIsRefusedWith403ToATeamOwnerWhoIsNoPlatformAdminAndNothingChanges() {
		User owner = this.users.create("Tess Teamowner");
		UUID team = this.users.team("Owners " + UUID.randomUUID(), owner);
		PortalHttp http = this.users.signedIn(this.port, owner);
		String any = UUID.randomUUID().toString();
		String before = state();

		assertThat(adminRoutes).hasSizeGreaterThanOrEqualTo(15);
		for (String[] route : adminRoutes) {
			String path = route[1].replaceAll("\\{[^}]+}", any);
			HttpResponse<String> response = route[0].equals("GET") ? http.get(path)
					: http.submit("/teams/" + team, path, Map.of("name", "Hijack", "code", "hijack", "version", "0", "teamId",
							team.toString(), "resourceType", "x"));
			assertThat(response.statusCode()).as(route[0] + " " + route[1]).isEqualTo(403);
		}
		assertThat(state()).isEqualTo(before);
	}

	@Test
	void someoneSignedOutIsSentToSignIn() {
		HttpResponse<String> response = new PortalHttp(this.port).get("/admin/products");

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location")).get().asString().contains("/login");
	}

	/**
	 * The layout's sign-in and platform-admin answers come from the request's authentication ({@code LayoutMarkup}) on
	 * a controller's page and on a page an exception handler renders (a 404 of the team gate): both must agree.
	 */
	@Test
	void theHeaderLinkShowsOnTeamPagesAndErrorPagesToAPlatformAdminOnly() {
		User admin = this.users.create("Ada Admin");
		this.accounts.grantPlatformAdmin(admin.id());
		User member = this.users.create("Manu Member");
		UUID adminsTeam = this.users.team("Admins " + UUID.randomUUID(), admin);
		UUID membersTeam = this.users.team("Members " + UUID.randomUUID(), member);
		PortalHttp adminHttp = this.users.signedIn(this.port, admin);
		PortalHttp memberHttp = this.users.signedIn(this.port, member);

		HttpResponse<String> adminTeamPage = adminHttp.get("/teams/" + adminsTeam);
		HttpResponse<String> adminNotFound = adminHttp.get("/teams/" + UUID.randomUUID());
		HttpResponse<String> memberTeamPage = memberHttp.get("/teams/" + membersTeam);
		HttpResponse<String> memberNotFound = memberHttp.get("/teams/" + UUID.randomUUID());

		assertThat(adminTeamPage.statusCode()).isEqualTo(200);
		assertThat(adminNotFound.statusCode()).isEqualTo(404);
		assertThat(memberTeamPage.statusCode()).isEqualTo(200);
		assertThat(memberNotFound.statusCode()).isEqualTo(404);
		assertThat(adminTeamPage.body()).contains("data-testid=\"platform-admin-link\"", "Your account", "csrf-token");
		assertThat(adminNotFound.body()).contains("data-testid=\"platform-admin-link\"", "Your account", "csrf-token");
		assertThat(memberTeamPage.body()).doesNotContain("platform-admin-link").contains("Your account", "csrf-token");
		assertThat(memberNotFound.body()).doesNotContain("platform-admin-link").contains("Your account", "csrf-token");
	}

	@Test
	void aPlatformAdminOpensTheRegistryFromTheHeaderLinkWhichOthersDoNotSee() {
		User admin = this.users.create("Ada Admin");
		this.accounts.grantPlatformAdmin(admin.id());
		User member = this.users.create("Manu Member");
		this.users.team("Members " + UUID.randomUUID(), member);

		HttpResponse<String> adminHome = this.users.signedIn(this.port, admin).get("/admin/products");
		HttpResponse<String> memberHome = this.users.signedIn(this.port, member).get("/account");

		assertThat(adminHome.statusCode()).isEqualTo(200);
		assertThat(adminHome.body()).contains("data-testid=\"platform-admin-link\"", "Register a product");
		assertThat(memberHome.body()).doesNotContain("platform-admin-link");
	}

}
