package com.aventian.portal.shared.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
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

	/**
	 * What throttles and lockouts count an address as: an IPv4 address itself, an IPv6 address by its /64
	 * network. A subscriber is given at least a /64 and may use any address in it, so counting single IPv6
	 * addresses would give one guesser 2^64 fresh addresses, each with its own allowance.
	 */
	public static String countedAs(InetAddress address) {
		if (address instanceof Inet6Address v6) {
			byte[] network = Arrays.copyOf(v6.getAddress(), 16);
			Arrays.fill(network, 8, 16, (byte) 0);
			try {
				return InetAddress.getByAddress(network).getHostAddress() + "/64";
			}
			catch (UnknownHostException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return address.getHostAddress();
	}

	/** The address of the request this thread is serving, if it serves one. */
	public static Optional<InetAddress> ofCurrentRequest() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			return Optional.ofNullable(of(attributes.getRequest()));
		}
		return Optional.empty();
	}

}
