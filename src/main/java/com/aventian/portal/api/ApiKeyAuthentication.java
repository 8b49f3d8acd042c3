package com.aventian.portal.api;

import java.util.List;

import com.aventian.portal.apikey.ApiCaller;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An API request authenticated by a product's key: the principal is the calling product, never a person. */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

	private final ApiCaller caller;

	ApiKeyAuthentication(ApiCaller caller) {
		super(List.of(new SimpleGrantedAuthority(ApiCaller.AUTHORITY)));
		this.caller = caller;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		// the key is checked and dropped: nothing downstream needs it
		return "";
	}

	@Override
	public ApiCaller getPrincipal() {
		return this.caller;
	}

	@Override
	public String getName() {
		return "product:" + this.caller.productCode() + ":" + this.caller.keyPrefix();
	}

}
