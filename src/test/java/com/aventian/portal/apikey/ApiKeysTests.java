package com.aventian.portal.apikey;

import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import com.aventian.portal.RecordedStatements;
import com.aventian.portal.TestUsers;
import com.aventian.portal.account.User;
import com.aventian.portal.shared.security.RandomToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A platform admin's keys of a product: shown once, stored as a hash with a recognisable prefix, several
 * per product, revoked, each audited; nobody else reaches the pages; the last use written at most once a
 * minute, never on every call.
 */
@PortalTest
class ApiKeysTests {

	private static final Pattern SECRET = Pattern.compile("data-testid=\"new-key-secret\">(avn_[A-Za-z0-9_-]+)<");

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ApiKeys keys;

	@Autowired
	RecordedStatements statements;

	UUID product;

	String page;

	@BeforeEach
	void givenAProduct() {
		String code = "k" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		this.product = this.jdbc.queryForObject("insert into aventian.tbl_master_products (code, name) values (?, ?) returning id",
				UUID.class, code, "Keys " + code);
		this.page = "/admin/products/" + this.product + "/keys";
	}

	PortalHttp platformAdmin() {
		User admin = this.users.create("Platform Admin");
		this.jdbc.update("update aventian.tbl_users set platform_admin = true where id = ?", admin.id());
		return this.users.signedIn(this.port, admin);
	}

	long keysOfProduct() {
		return this.jdbc.queryForObject("select count(*) from aventian.tbl_api_keys where product_id = ?", Long.class, this.product);
	}

	static String secretOf(HttpResponse<String> page) {
		Matcher matcher = SECRET.matcher(page.body());
		assertThat(matcher.find()).as("the new key on the page").isTrue();
		return matcher.group(1);
	}

	@Test
	void aNewKeyIsShownOnceAndStoredOnlyAsItsHashWithItsPrefix() {
		PortalHttp admin = platformAdmin();

		HttpResponse<String> created = admin.submit(this.page, this.page, Map.of("name", "production", "validityDays", "90"));

		String secret = secretOf(created);
		assertThat(created.headers().firstValue("Cache-Control")).hasValueSatisfying((value) -> assertThat(value).contains("no-store"));
		Map<String, Object> row = this.jdbc.queryForMap("select prefix, encode(key_hash, 'hex') as hash, expires_at is not null as expires "
				+ "from aventian.tbl_api_keys where product_id = ?", this.product);
		assertThat(row.get("prefix")).isEqualTo(secret.substring(0, 12));
		assertThat(row.get("hash")).isEqualTo(HexFormat.of().formatHex(RandomToken.hashOf(secret)));
		assertThat(row.get("expires")).isEqualTo(true);
		assertThat(this.jdbc.queryForObject("select count(*) from aventian.tbl_api_keys where row(tbl_api_keys.*)::text like ?",
				Long.class, "%" + secret.substring(12) + "%")).isZero();
		HttpResponse<String> later = admin.get(this.page);
		assertThat(later.body()).doesNotContain(secret).contains(secret.substring(0, 12));
		assertThat(this.jdbc.queryForObject("select count(*) from aventian_audit.tbl_audit_events where action = 'API_KEY_CREATED' "
				+ "and product_id = ? and details::text not like ?", Long.class, this.product, "%" + secret.substring(12) + "%")).isEqualTo(1);
	}

	@Test
	void severalKeysOfOneProductWorkAtOnceAndARevokedOneStops() {
		NewApiKey old = this.keys.create(this.product, "old", null, null, null);
		NewApiKey rotated = this.keys.create(this.product, "new", null, null, null);
		PortalHttp admin = platformAdmin();

		admin.submit(this.page, this.page + "/" + old.key().id() + "/revoke", Map.of());

		assertThat(this.keys.check("Bearer " + old.secret()).outcome()).isEqualTo(KeyCheck.Outcome.REVOKED);
		assertThat(this.keys.check("Bearer " + rotated.secret()).outcome()).isEqualTo(KeyCheck.Outcome.VALID);
		assertThat(this.jdbc.queryForObject("select details->'after'->>'revokedAt' is not null and details->'before'->>'revokedAt' is null "
				+ "from aventian_audit.tbl_audit_events where action = 'API_KEY_REVOKED' and target_id = ?", Boolean.class,
				old.key().id().toString())).isTrue();
		assertThat(admin.get(this.page).body()).contains("revoked");
	}

	@Test
	void someoneWhoIsNotAPlatformAdminReachesNothingAndMakesNoKey() {
		PortalHttp member = this.users.signedIn(this.port);
		PortalHttp admin = platformAdmin();
		String csrf = PortalHttp.csrfTokenOf(member.get("/teams/new").body());

		assertThat(member.get(this.page).statusCode()).isEqualTo(403);
		assertThat(member.postForm(this.page, Map.of("name", "stolen", "_csrf", csrf)).statusCode()).isEqualTo(403);
		assertThat(admin.get(this.page).statusCode()).isEqualTo(200);
		assertThat(keysOfProduct()).isZero();
	}

	@Test
	void aKeyWithoutANameIsRefusedWithAMessageAndTheChoiceKept() {
		PortalHttp admin = platformAdmin();

		HttpResponse<String> refused = admin.submit(this.page, this.page, Map.of("name", "   ", "validityDays", "365"));

		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("Name the key").contains("<option value=\"365\" selected=\"selected\"");
		assertThat(keysOfProduct()).isZero();
	}

	@Test
	void theLastUseIsWrittenAtMostOnceAMinuteNotOnEveryCall() {
		NewApiKey key = this.keys.create(this.product, "busy", null, null, null);

		List<RecordedStatements.Statement> ran = this.statements.during(() -> {
			for (int i = 0; i < 5; i++) {
				this.keys.check("Bearer " + key.secret());
			}
		});

		assertThat(ran).filteredOn(RecordedStatements.Statement::isWrite).hasSize(1);
		assertThat(this.jdbc.queryForObject("select last_used_at is not null from aventian.tbl_api_keys where id = ?", Boolean.class,
				key.key().id())).isTrue();
	}

	@Test
	void anUnknownProductOrKeyIs404() {
		PortalHttp admin = platformAdmin();

		assertThat(admin.get("/admin/products/" + UUID.randomUUID() + "/keys").statusCode()).isEqualTo(404);
		assertThat(admin.submit(this.page, this.page + "/" + UUID.randomUUID() + "/revoke", Map.of()).statusCode()).isEqualTo(404);
	}

}
