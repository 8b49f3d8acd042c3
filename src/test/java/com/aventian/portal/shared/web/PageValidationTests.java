package com.aventian.portal.shared.web;

import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.AccountService;
import com.aventian.portal.account.User;
import com.aventian.portal.product.PlatformAdmin;
import com.aventian.portal.product.Product;
import com.aventian.portal.product.ProductForm;
import com.aventian.portal.product.ProductPrivilege;
import com.aventian.portal.product.ProductRegistry;
import com.aventian.portal.product.RoleTemplate;
import com.aventian.portal.product.RoleTemplates;
import com.aventian.portal.product.TemplateForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page the browser tests visit, signed out and in, passes the Nu HTML checker (vnu) without an
 * error. The checker is the npm package {@code vnu-jar}, fetched by the build (pom.xml, pinned version and
 * checksum) into {@code target/vnu/}, run as its own process so its libraries never mix with the portal's.
 */
@PortalTest
class PageValidationTests {

	static final Path VNU = Path.of(System.getenv().getOrDefault("VNU_JAR", "target/vnu/package/build/dist/vnu.jar"));

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AccountService accounts;

	@Autowired
	ProductRegistry products;

	@Autowired
	RoleTemplates templates;

	@TempDir
	Path pages;

	@Test
	void everyPageTheBrowserTestsVisitIsValidHtml() throws Exception {
		assertThat(VNU).as("the Nu HTML checker, fetched by `./mvnw verify` (or set VNU_JAR)").exists();
		Map<String, String> sources = new LinkedHashMap<>();
		PortalHttp stranger = new PortalHttp(this.port);
		for (String path : List.of("/login", "/signup", "/password/forgot", "/password/reset?token=nothing",
				"/verify-email/confirm?token=nothing", "/invitations/accept?token=nothing", "/no/such/page.css")) {
			sources.put("signed out " + path, page(stranger, path));
		}
		User owner = this.users.create("Valid Owner");
		User member = this.users.create("Valid Member");
		UUID team = this.users.team("Valid Team", owner, member, "Member");
		PortalHttp signedIn = this.users.signedIn(this.port, owner);
		String teamPath = "/teams/" + team;
		for (String path : List.of("/", teamPath, teamPath + "/members", teamPath + "/settings", teamPath + "/invitations",
				teamPath + "/leave", teamPath + "/members/" + member.id() + "/remove", teamPath + "/roles",
				teamPath + "/roles/why?userId=" + member.id() + "&privilege=team.read", teamPath + "/access", "/teams/new", "/account",
				"/account/sessions", "/teams/" + UUID.randomUUID(), teamPath + "/audit", teamPath + "/audit?from=nonsense",
				teamPath + "/audit/logins", teamPath + "/audit/events/" + this.jdbc.queryForObject(
						"select max(id) from aventian_audit.tbl_audit_events where team_id = ?", Long.class, team))) {
			sources.put("signed in " + path, page(signedIn, path));
		}
		// the platform admin pages, with a product that has a type, a privilege, a template a team holds a copy of
		User admin = this.users.create("Valid Admin");
		this.accounts.grantPlatformAdmin(admin.id());
		PlatformAdmin asAdmin = new PlatformAdmin(admin.id(), admin.email());
		String code = "valid" + UUID.randomUUID().toString().substring(0, 8);
		Product product = this.products.create(asAdmin, new ProductForm(code, "Valid", "", "crm/provision.sql", ""));
		product = this.products.addResourceType(asAdmin, product.id(), "contact", product.version());
		ProductPrivilege read = this.products.addPrivilege(asAdmin, product.id(), code + ".contact.read", "Read");
		RoleTemplate template = this.templates.create(asAdmin, product.id(),
				new TemplateForm("Agent", "", 100, false, true, false, false, List.of(read.id())));
		this.products.associateTeam(asAdmin, team, product.id());
		// the re-apply preview then has a team whose copy would lose the privilege
		this.templates.update(asAdmin, template.id(), new TemplateForm("Agent", "", 100, false, true, false, false, List.of()),
				template.version());
		PortalHttp platform = this.users.signedIn(this.port, admin);
		for (String path : List.of("/admin/products", "/admin/products/new", "/admin/products/" + product.id(), "/admin/templates",
				"/admin/templates/new", "/admin/templates/" + template.id(), "/admin/templates/" + template.id() + "/reapply")) {
			sources.put("platform admin " + path, page(platform, path));
		}
		sources.put("signed in " + teamPath + "/resources", page(signedIn, teamPath + "/resources"));
		// issue 13: the team's products (the product above is the team's, active), cancelling it, the keys page
		sources.put("signed in " + teamPath + "/products", page(signedIn, teamPath + "/products"));
		UUID subscription = this.jdbc.queryForObject("select id from aventian.tbl_team_product_assoc where team_id = ?",
				UUID.class, team);
		sources.put("signed in " + teamPath + "/subscriptions/" + subscription + "/cancel",
				page(signedIn, teamPath + "/subscriptions/" + subscription + "/cancel"));
		sources.put("platform admin /admin/encryption", page(platform, "/admin/encryption"));
		User unverified = this.users.create("Valid Unverified");
		this.jdbc.update("update aventian.tbl_users set email_verified_at = null where id = ?", unverified.id());
		PortalHttp waiting = new PortalHttp(this.port);
		waiting.signIn(unverified.email(), TestUsers.PASSWORD);
		sources.put("unverified /verify-email", page(waiting, "/verify-email"));
		PortalHttp noTeam = this.users.signedIn(this.port);
		sources.put("no team /", page(noTeam, "/"));

		assertThat(errorsIn(sources)).isEmpty();
	}

	private static String page(PortalHttp http, String path) {
		HttpResponse<String> response = http.get(path);
		if (response.statusCode() == 302) {
			return page(http, response.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", ""));
		}
		assertThat(response.headers().firstValue("Content-Type")).as(path)
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		return response.body();
	}

	/** The checker's error lines, each naming the page. */
	private List<String> errorsIn(Map<String, String> sources) throws IOException, InterruptedException {
		Map<String, String> fileToPage = new LinkedHashMap<>();
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", VNU.toString(), "--errors-only", "--format", "gnu"));
		int index = 0;
		for (Map.Entry<String, String> source : sources.entrySet()) {
			Path file = this.pages.resolve("page-" + index++ + ".html");
			Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
			fileToPage.put(file.toUri().toString(), source.getKey());
			fileToPage.put(file.toString(), source.getKey());
			command.add(file.toString());
		}
		File output = this.pages.resolve("vnu.txt").toFile();
		Process vnu = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
		assertThat(vnu.waitFor(5, TimeUnit.MINUTES)).as("the checker finished").isTrue();
		List<String> errors = new ArrayList<>();
		for (String line : Files.readAllLines(output.toPath(), StandardCharsets.UTF_8)) {
			String named = line;
			for (Map.Entry<String, String> file : fileToPage.entrySet()) {
				named = named.replace(file.getKey(), file.getValue());
			}
			errors.add(named);
		}
		return errors;
	}

}
