package com.aventian.portal.config;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import org.springframework.web.servlet.resource.ResourceUrlProviderExposingInterceptor;

/**
 * Rewrites links to static assets into their content-hashed URLs, and only those. Spring's own filter asks
 * the resource chain about every URL a page writes; with static resources served from {@code /**}, each
 * link to a page ({@code /teams/...}) became a classpath lookup that finds nothing and is not cached, which
 * made a members page several times slower than the page itself. Declared as a
 * {@link ResourceUrlEncodingFilter} so Boot does not add its own.
 */
@Component
class StaticAssetUrls extends ResourceUrlEncodingFilter {

	static final List<String> ASSET_PREFIXES = List.of("/css/", "/js/", "/img/");

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse answer) {
			chain.doFilter(request, new AssetLinks(http, answer));
			return;
		}
		chain.doFilter(request, response);
	}

	private static final class AssetLinks extends HttpServletResponseWrapper {

		private final HttpServletRequest request;

		AssetLinks(HttpServletRequest request, HttpServletResponse response) {
			super(response);
			this.request = request;
		}

		@Override
		public String encodeURL(String url) {
			if (isAsset(url)
					&& this.request.getAttribute(ResourceUrlProviderExposingInterceptor.RESOURCE_URL_PROVIDER_ATTR) instanceof ResourceUrlProvider assets) {
				String hashed = assets.getForRequestUrl(this.request, url);
				if (hashed != null) {
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
