package com.aventian.portal.config;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import org.springframework.web.servlet.resource.ResourceUrlProviderExposingInterceptor;

/**
 * Rewrites links to static assets into their content-hashed URLs, and only those. Spring's own filter asks
 * the resource chain about every URL a page writes; with static resources served from {@code /**}, each
 * link to a page ({@code /teams/...}) became a classpath lookup that finds nothing and is not cached, which
 * made a members page several times slower than the page itself. Declared as a
 * {@link ResourceUrlEncodingFilter} so Boot does not add its own. An asset's hashed URL is remembered once
 * found: the layout links three assets on every page, and asking the resource chain each time (its path
 * matching and its own cache's key building) was about 2% of a team page's CPU (issue 10). Remembered only
 * while the resource chain caches too ({@code spring.web.resources.chain.cache}, on by default), so an asset
 * changed on disk with that cache off still gets its new URL at once.
 */
@Component
class StaticAssetUrls extends ResourceUrlEncodingFilter {

	static final List<String> ASSET_PREFIXES = List.of("/css/", "/js/", "/img/");

	/** Asset links are written by templates, not taken from requests; the bound only guards against a template bug. */
	static final int MAX_REMEMBERED = 256;

	private final Map<String, String> hashedUrls;

	StaticAssetUrls(@Value("${spring.web.resources.chain.cache:true}") boolean chainCached) {
		this.hashedUrls = chainCached ? new ConcurrentHashMap<>() : null;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse answer) {
			chain.doFilter(request, new AssetLinks(http, answer, this.hashedUrls));
			return;
		}
		chain.doFilter(request, response);
	}

	private static final class AssetLinks extends HttpServletResponseWrapper {

		private final HttpServletRequest request;

		private final Map<String, String> hashedUrls;

		AssetLinks(HttpServletRequest request, HttpServletResponse response, Map<String, String> hashedUrls) {
			super(response);
			this.request = request;
			this.hashedUrls = hashedUrls;
		}

		@Override
		public String encodeURL(String url) {
			if (!isAsset(url)) {
				return super.encodeURL(url);
			}
			String remembered = (this.hashedUrls != null) ? this.hashedUrls.get(url) : null;
			if (remembered != null) {
				return super.encodeURL(remembered);
			}
			if (this.request.getAttribute(ResourceUrlProviderExposingInterceptor.RESOURCE_URL_PROVIDER_ATTR) instanceof ResourceUrlProvider assets) {
				String hashed = assets.getForRequestUrl(this.request, url);
				if (hashed != null) {
					if (this.hashedUrls != null && this.hashedUrls.size() < MAX_REMEMBERED) {
						this.hashedUrls.put(url, hashed);
					}
					return super.encodeURL(hashed);
				}
			}
			return super.encodeURL(url);
		}

		private boolean isAsset(String url) {
			String path = url.startsWith(this.request.getContextPath()) ? url.substring(this.request.getContextPath().length()) : url;
			return ASSET_PREFIXES.stream().anyMatch(path::startsWith);
		}

	}

}
