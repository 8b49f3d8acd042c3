package com.aventian.portal.product;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.AccountService;
import com.aventian.portal.account.User;
import com.aventian.portal.audit.AuditEvent;
import com.aventian.portal.audit.AuditLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Registering and editing products: validation that keeps what was typed, versions, audit, retire before delete. */
@PortalTest
class ProductRegistryTests {

	@LocalServerPort
	int port;

	@Autowired
	ProductRegistry registry;

	@Autowired
	RoleTemplates templates;

	@Autowired
	TestUsers users;

	@Autowired
	AccountService accounts;

	@Autowired
	AuditLog audit;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transactions;

	User adminUser;

	PlatformAdmin admin;

	@BeforeEach
	void aPlatformAdmin() {
		this.adminUser = this.users.create("Pat Platform");
		this.accounts.grantPlatformAdmin(this.adminUser.id());
		this.admin = new PlatformAdmin(this.adminUser.id(), this.adminUser.email());
	}

	static String code() {
		return "p" + UUID.randomUUID().toString().substring(0, 8);
	}

	ProductForm form(String code) {
		return new ProductForm(code, "Product " + code, "A product", "crm/provision.sql", "https://product.example.com/");
	}

	long products() {
		return this.jdbc.queryForObject("select count(*) from aventian.tbl_master_products", Long.class);
	}

	@Nested
	class Validation {

		@ParameterizedTest
		@ValueSource(strings = { "CRM", "c", "1crm", "crm_x", "crm.x", "crm x", "" })
		void aCodeOutsideLowercaseLettersDigitsAndDashesIsRefusedAndNothingIsStored(String code) {
			long before = products();

			assertThatThrownBy(() -> ProductRegistryTests.this.registry.create(ProductRegistryTests.this.admin, form(code)))
				.isInstanceOfSatisfying(InvalidInput.class,
						(ex) -> assertThat(ex.fields()).containsOnlyKeys("code").extractingByKey("code").asString()
							.contains("lowercase letters, digits or dashes"));
			assertThat(products()).isEqualTo(before);
		}

		@Test
		void aCodeThatPrefixesThePlatformsOwnPrivilegesIsRefused() {
			assertThatThrownBy(() -> ProductRegistryTests.this.registry.create(ProductRegistryTests.this.admin, form("members")))
				.isInstanceOfSatisfying(InvalidInput.class,
						(ex) -> assertThat(ex.fields().get("code")).contains("prefixes the platform's own privileges"));
		}

		@Test
		void aDuplicateCodeIsRefused() {
			String code = code();
			ProductRegistryTests.this.registry.create(ProductRegistryTests.this.admin, form(code));
			long before = products();

			assertThatThrownBy(() -> ProductRegistryTests.this.registry.create(ProductRegistryTests.this.admin, form(code)))
				.isInstanceOfSatisfying(InvalidInput.class,
						(ex) -> assertThat(ex.fields().get("code")).isEqualTo("A product with the code \"" + code + "\" already exists."));
			assertThat(products()).isEqualTo(before);
		}

		@ParameterizedTest
		@ValueSource(strings = { "crm.example.com", "javascript:alert(1)", "ftp://crm.example.com/", "https://", "http://user:pw@crm.example.com/",
				"https://crm example.com/" })
		void aDashboardAddressThatIsNotAFullWebAddressIsRefused(String url) {
			ProductForm typed = new ProductForm(code(), "CRM", "", "", url);

			assertThatThrownBy(() -> ProductRegistryTests.this.registry.create(ProductRegistryTests.this.admin, typed))
				.isInstanceOfSatisfying(InvalidInput.class,
						(ex) -> assertThat(ex.fields()).containsOnlyKeys("dashboardUrl"));
		}

		@ParameterizedTest
		@ValueSource(strings = { "../migration/V1__core_schema.sql", "crm/../../migration/V1__core_schema.sql", "/etc/passwd",
				"crm/missing.sql", "crm" })
		void aScriptPathOutsideTheScriptsRootOrNotAReadableScriptIsRefusedAtSaveTime(String path) {
			ProductForm typed = new ProductForm(code(), "CRM", "", path, "");

			assertThatThrownBy(() -> ProductRegistryTests.this.registry.create(ProductRegistryTests.this.admin, typed))
				.isInstanceOfSatisfying(InvalidInput.class,
						(ex) -> assertThat(ex.fields()).containsOnlyKeys("provisioningScriptPath"));
		}

		@Test
		void theFormShowsEachMessageBesideItsFieldAndKeepsWhatWasTyped() {
			PortalHttp http = ProductRegistryTests.this.users.signedIn(ProductRegistryTests.this.port, ProductRegistryTests.this.adminUser);
			long before = products();

			HttpResponse<String> response = http.submit("/admin/products/new", "/admin/products",
					Map.of("code", "Bad Code", "name", "Typed name kept", "description", "Typed description kept",
							"provisioningScriptPath", "../../etc/passwd.sql", "dashboardUrl", "not a url"));

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("value=\"Bad Code\"", "value=\"Typed name kept\"", "Typed description kept",
					"value=\"../../etc/passwd.sql\"", "value=\"not a url\"", "lowercase letters, digits or dashes",
					"leaves the scripts folder", "Enter a full web address");
			assertThat(products()).isEqualTo(before);
		}

		@Test
		void aPrivilegeCodeMustCarryTheProductsCodeAndOneOfItsResourceTypesAndBeNew() {
			Product product = ProductRegistryTests.this.registry.create(ProductRegistryTests.this.admin, form(code()));
			product = ProductRegistryTests.this.registry.addResourceType(ProductRegistryTests.this.admin, product.id(), "contact",
					product.version());
			UUID id = product.id();
			String code = product.code();
			PlatformAdmin admin = ProductRegistryTests.this.admin;

			ProductPrivilege read = ProductRegistryTests.this.registry.addPrivilege(admin, id, code + ".contact.read", "Read contacts");
			ProductPrivilege wide = ProductRegistryTests.this.registry.addPrivilege(admin, id, code + ".settings", "Settings");

			assertThat(read.resourceType()).isEqualTo("contact");
			assertThat(wide.resourceType()).isNull();
			for (String bad : new String[] { "crm.contact.read", code + ".deal.read", code + ".Contact.read", code + ".", code,
					code + ".contact.read.all", "team.read" }) {
				assertThatThrownBy(() -> ProductRegistryTests.this.registry.addPrivilege(admin, id, bad, "x")).as(bad)
					.isInstanceOf(InvalidInput.class);
			}
			assertThatThrownBy(() -> ProductRegistryTests.this.registry.addPrivilege(admin, id, code + ".contact.read", "Again"))
				.isInstanceOfSatisfying(InvalidInput.class,
						(ex) -> assertThat(ex.fields().get("code")).contains("already exists"));
			assertThat(ProductRegistryTests.this.registry.privileges(id)).extracting(ProductPrivilege::code)
				.containsExactlyInAnyOrder(code + ".contact.read", code + ".settings");
		}

	}

	@Test
	void twoAdminsSavingTheSameVersionAtOnceOneWinsAndTheOtherIsToldItChangedMeanwhile() throws Exception {
		Product product = this.registry.create(this.admin, form(code()));
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		List<Future<String>> outcomes = new ArrayList<>();
		for (String name : new String[] { "Name by Ann", "Name by Bob" }) {
			outcomes.add(pool.submit(() -> {
				start.await();
				try {
					return this.registry.update(this.admin, product.id(),
							new ProductForm(product.code(), name, "", "", ""), product.version()).name();
				}
				catch (ProductRuleException ex) {
					return ex.getMessage();
				}
			}));
		}
		start.countDown();
		List<String> results = new ArrayList<>();
		for (Future<String> outcome : outcomes) {
			results.add(outcome.get(30, TimeUnit.SECONDS));
		}
		pool.shutdown();

		assertThat(results).filteredOn((result) -> result.startsWith("Name by")).hasSize(1);
		assertThat(results).filteredOn((result) -> result.contains("changed by someone else meanwhile")).hasSize(1);
		Product now = this.registry.product(product.id());
		assertThat(now.version()).isEqualTo(product.version() + 1);
		assertThat(results).contains(now.name());
		assertThat(this.audit.eventsAbout("product", product.id().toString())).extracting(AuditEvent::action)
			.containsOnlyOnce("PRODUCT_UPDATED");
	}

	@Test
	void aStaleVersionFromTheEditPageIsRefusedAndThePageShowsTheCurrentState() {
		Product product = this.registry.create(this.admin, form(code()));
		this.registry.update(this.admin, product.id(), new ProductForm(product.code(), "Saved first", "", "", ""), product.version());
		PortalHttp http = this.users.signedIn(this.port, this.adminUser);

		HttpResponse<String> response = http.submit("/admin/products/" + product.id(), "/admin/products/" + product.id(),
				Map.of("name", "Saved second", "description", "", "provisioningScriptPath", "", "dashboardUrl", "",
						"version", String.valueOf(product.version())));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("changed by someone else meanwhile", "Saved first");
		assertThat(this.registry.product(product.id()).name()).isEqualTo("Saved first");
	}

	@Test
	void everyChangeIsAuditedWithBeforeAndAfter() {
		Product product = this.registry.create(this.admin, form(code()));
		product = this.registry.update(this.admin, product.id(), new ProductForm(product.code(), "Renamed", "", "crm/provision.sql", ""),
				product.version());
		product = this.registry.addResourceType(this.admin, product.id(), "ticket", product.version());
		this.registry.retire(this.admin, product.id(), product.version());

		List<AuditEvent> events = this.audit.eventsAbout("product", product.id().toString());
		assertThat(events).extracting(AuditEvent::action)
			.contains("PRODUCT_CREATED", "PRODUCT_UPDATED", "PRODUCT_RESOURCE_TYPE_ADDED", "PRODUCT_RETIRED");
		AuditEvent renamed = events.stream().filter((event) -> event.action().equals("PRODUCT_UPDATED")).findFirst().orElseThrow();
		assertThat(renamed.details().json()).contains("\"before\"", "\"after\"", "Product " + product.code(), "Renamed");
		assertThat(renamed.productId()).isEqualTo(product.id());
		assertThat(renamed.actorUserId()).isEqualTo(this.adminUser.id());
	}

	@Test
	void aProductATeamHasIsRetiredNotDeletedAndANewOneWithNothingDependingGoes() {
		User owner = this.users.create("Olga Owner");
		UUID team = this.users.team("Retire " + UUID.randomUUID(), owner);
		Product used = this.registry.create(this.admin, form(code()));
		this.registry.associateTeam(this.admin, team, used.id());
		Product fresh = this.registry.create(this.admin, form(code()));

		assertThatThrownBy(() -> this.registry.delete(this.admin, used.id(), this.registry.product(used.id()).version()))
			.isInstanceOf(ProductRuleException.class)
			.hasMessageContaining("retire it instead");
		Product retired = this.registry.retire(this.admin, used.id(), this.registry.product(used.id()).version());
		this.registry.delete(this.admin, fresh.id(), fresh.version());

		assertThat(retired.retired()).isTrue();
		assertThat(this.registry.products()).extracting(Product::id).contains(used.id()).doesNotContain(fresh.id());
		assertThat(this.audit.eventsAbout("product", fresh.id().toString())).extracting(AuditEvent::action)
			.contains("PRODUCT_DELETED");
	}

	@Test
	void aResourceTypeStillUsedByAPrivilegeStays() {
		Product product = this.registry.create(this.admin, form(code()));
		product = this.registry.addResourceType(this.admin, product.id(), "contact", product.version());
		this.registry.addPrivilege(this.admin, product.id(), product.code() + ".contact.read", "Read");
		Product current = this.registry.product(product.id());

		assertThatThrownBy(() -> this.registry.removeResourceType(this.admin, current.id(), "contact", current.version()))
			.isInstanceOf(ProductRuleException.class)
			.hasMessageContaining("still used by 1 privilege(s)");
		assertThat(this.registry.product(product.id()).allowedResourceTypes()).containsExactly("contact");
	}

	@Test
	void removingAPrivilegeWhileATeamAdminPutsItIntoARoleIsRefusedInsteadOfSilentlyTakingItFromTheRole() throws Exception {
		// given a product privilege nothing holds yet and a team's role
		Product product = this.registry.create(this.admin, form(code()));
		ProductPrivilege export = this.registry.addPrivilege(this.admin, product.id(), product.code() + ".export", "Export");
		UUID team = this.users.team("Race " + UUID.randomUUID(), this.users.create("Rita Race"));
		UUID role = this.users.roleId(team, "Member");
		ExecutorService pool = Executors.newFixedThreadPool(2);
		CountDownLatch inserted = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		try {
			// when the role editor's insert (RoleEditorMapper.insertRolePrivilege) is in flight, the admin removes the privilege
			Future<?> grant = pool.submit(() -> this.transactions.executeWithoutResult((status) -> {
				this.jdbc.update("insert into aventian.tbl_role_privileges (role_id, privilege_id) values (?, ?)", role, export.id());
				inserted.countDown();
				await(release);
			}));
			assertThat(inserted.await(10, TimeUnit.SECONDS)).isTrue();
			Future<Throwable> removal = pool.submit(() -> {
				try {
					this.registry.removePrivilege(this.admin, product.id(), export.id());
					return null;
				}
				catch (RuntimeException ex) {
					return ex;
				}
			});
			Thread.sleep(500);
			release.countDown();
			grant.get(10, TimeUnit.SECONDS);

			// then the removal sees the new holder and refuses; the role keeps what its editor audited
			assertThat(removal.get(10, TimeUnit.SECONDS)).isInstanceOf(ProductRuleException.class)
				.hasMessageContaining("held by 1 role(s)");
			assertThat(this.jdbc.queryForObject("select count(*) from aventian.tbl_role_privileges where role_id = ? and privilege_id = ?",
					Long.class, role, export.id())).isEqualTo(1);
		}
		finally {
			release.countDown();
			pool.shutdownNow();
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
