package com.aventian.portal.shared.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The address of the client that made a request. {@code X-Forwarded-For} counts only when the servlet
 * container was told to trust the proxy ({@code server.forward-headers-strategy=native} with
 * {@code server.tomcat.remoteip.internal-proxies}); then it has already rewritten the remote address.
 */
public final class ClientAddress {

	private ClientAddress() {
	}

	public static InetAddress of(HttpServletRequest request) {
		try {
			// the remote address is always a literal, so no name lookup happens here
			return InetAddress.getByName(request.getRemoteAddr());
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	/** The address of the request this thread is serving, if it serves one. */
	public static Optional<InetAddress> ofCurrentRequest() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			return Optional.ofNullable(of(attributes.getRequest()));
		}
		return Optional.empty();
	}

}
