package com.aventian.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * The test SMTP server gone for a while, either refusing connections or, in its place, a socket that takes
 * connections and never answers, as a hung mail server does. Closing the outage resets those connections
 * and starts the server again (mail it had received before is gone; tests read only their own).
 */
public final class SmtpOutage implements AutoCloseable {

	private final ServerSocket silent;

	private SmtpOutage(ServerSocket silent) {
		this.silent = silent;
	}

	public static SmtpOutage refusing() {
		TestServices.shared().mail().stop();
		return new SmtpOutage(null);
	}

	public static SmtpOutage hanging() {
		TestServices.shared().mail().stop();
		try {
			ServerSocket silent = new ServerSocket();
			silent.setReuseAddress(true);
			silent.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), TestServices.shared().smtpPort()), 50);
			return new SmtpOutage(silent);
		}
		catch (IOException ex) {
			TestServices.shared().mail().start();
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			if (this.silent != null) {
				hangUpWaitingClients();
				this.silent.close();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			TestServices.shared().mail().start();
		}
	}

	/** Takes each connection still waiting for a greeting and closes it, so the client fails at once. */
	private void hangUpWaitingClients() throws IOException {
		this.silent.setSoTimeout(50);
		while (true) {
			try (Socket waiting = this.silent.accept()) {
				waiting.setSoLinger(true, 0);
			}
			catch (SocketTimeoutException ex) {
				return;
			}
		}
	}

}
