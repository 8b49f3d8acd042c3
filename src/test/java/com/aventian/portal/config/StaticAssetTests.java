package com.aventian.portal.config;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Pattern;

import com.aventian.portal.PortalHttp;
import com.aventian.portal.PortalTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** CSS and scripts are fetched once: content-hashed URLs, cached for a year, no session. */
@PortalTest
class StaticAssetTests {

	private static final Pattern ASSET = Pattern.compile("(?:href|src)=\"(/(?:css|js)/[^\"]+)\"");

	@LocalServerPort
	int port;

	@Test
	void pagesLinkAssetsByContentHashAndTheAssetsAreCachedForAYearWithoutASession() {
		String page = new PortalHttp(this.port).get("/login").body();
		List<String> assets = ASSET.matcher(page).results().map((match) -> match.group(1)).toList();

		assertThat(assets).hasSize(3).allSatisfy((asset) -> assertThat(asset).matches("/(css|js)/[a-z.]+-[0-9a-f]{32}\\.(css|js)"));
		for (String asset : assets) {
			HttpResponse<String> response = new PortalHttp(this.port).get(asset);
			assertThat(response.statusCode()).as(asset).isEqualTo(200);
			assertThat(response.headers().firstValue("Cache-Control")).as(asset)
				.hasValueSatisfying((value) -> assertThat(value).contains("max-age=31536000").contains("public"));
			assertThat(response.headers().allValues("Set-Cookie")).as(asset).isEmpty();
		}
	}

}
