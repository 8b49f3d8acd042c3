package com.aventian.portal.billing;

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

import com.aventian.portal.MovableClock;
import com.aventian.portal.PortalHttp;
import com.aventian.portal.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The billing pages, with data and with a refused form, pass the Nu HTML checker (as PageValidationTests). */
@BillingTest
class BillingPageValidationTests {

	static final Path VNU = Path.of(System.getenv().getOrDefault("VNU_JAR", "target/vnu/package/build/dist/vnu.jar"));

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	BillingFixtures fixtures;

	@Autowired
	BillingSubscriptions subscriptions;

	@Autowired
	Invoices invoices;

	@Autowired
	MovableClock clock;

	@TempDir
	Path pages;

	@Test
	void theBillingPagesAreValidHtml() throws Exception {
		assertThat(VNU).as("the Nu HTML checker, fetched by `./mvnw verify` (or set VNU_JAR)").exists();
		this.clock.reset();
		UUID product = this.fixtures.product("Valid Billing");
		Plan plan = this.fixtures.plan(product, "valid", "EUR", 1000, BillingInterval.MONTH, 2, 100, 0);
		this.fixtures.plan(product, "valid-trial", "JPY", 1000, BillingInterval.YEAR, 2, 100, 14);
		BillingFixtures.Team team = this.fixtures.team("Valid Billing");
		UUID subscription = this.subscriptions.subscribe(team.owner().id(), "owner", team.id(), plan.id().toString(), "3");
		this.subscriptions.cancelAtPeriodEnd(team.owner().id(), "owner", team.id(), subscription);
		Invoice invoice = this.invoices.ofTeam(team.id()).get(0);
		PortalHttp owner = this.users.signedIn(this.port, team.owner());
		PortalHttp admin = this.users.signedIn(this.port, this.fixtures.platformAdmin());
		String billing = "/teams/" + team.id() + "/billing";

		Map<String, String> sources = new LinkedHashMap<>();
		sources.put("billing", owner.get(billing).body());
		sources.put("billing, refused seats", owner.submit(billing, billing + "/subscriptions/" + subscription + "/seats",
				Map.of("seats", "0")).body());
		sources.put("billing, refused details", owner.submit(billing, billing + "/details",
				Map.of("billingEmail", "nope", "address", "", "timeZone", "Mars/Olympus")).body());
		sources.put("invoice", owner.get(billing + "/invoices/" + invoice.id()).body());
		sources.put("admin plans", admin.get("/admin/plans").body());
		sources.put("admin plans, refused", admin.submit("/admin/plans", "/admin/plans", Map.of("price", "-1")).body());
		sources.put("admin plan", admin.get("/admin/plans/" + plan.id()).body());
		sources.put("admin invoices", admin.get("/admin/invoices?status=ALL").body());
		sources.put("admin invoice", admin.get("/admin/invoices/" + invoice.id()).body());
		HttpResponse<String> refusedPayment = admin.submit("/admin/invoices/" + invoice.id(),
				"/admin/invoices/" + invoice.id() + "/payments", Map.of("amount", "1", "reference", ""));
		sources.put("admin invoice, refused payment", refusedPayment.body());

		assertThat(errorsIn(sources)).isEmpty();
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
