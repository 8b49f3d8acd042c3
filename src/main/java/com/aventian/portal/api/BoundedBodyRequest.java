package com.aventian.portal.api;

import java.io.IOException;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose body may be read only up to a limit. {@code Content-Length} is checked before; this
 * catches bodies sent without one (chunked), which would otherwise be read whole into memory.
 */
final class BoundedBodyRequest extends HttpServletRequestWrapper {

	private final long limit;

	private ServletInputStream bounded;

	BoundedBodyRequest(HttpServletRequest request, long limit) {
		super(request);
		this.limit = limit;
	}

	@Override
	public ServletInputStream getInputStream() throws IOException {
		if (this.bounded == null) {
			this.bounded = new Bounded(super.getInputStream(), this.limit);
		}
		return this.bounded;
	}

	/** Thrown when a body goes past the limit; {@link ApiErrors} answers it with 413. */
	static final class BodyTooLargeException extends IOException {

		BodyTooLargeException() {
			super("Request body over the limit");
		}

	}

	private static final class Bounded extends ServletInputStream {

		private final ServletInputStream in;

		private final long limit;

		private long read;

		Bounded(ServletInputStream in, long limit) {
			this.in = in;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int next = this.in.read();
			if (next >= 0) {
				count(1);
			}
			return next;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int count = this.in.read(buffer, offset, length);
			if (count > 0) {
				count(count);
			}
			return count;
		}

		private void count(int bytes) throws BodyTooLargeException {
			this.read += bytes;
			if (this.read > this.limit) {
				throw new BodyTooLargeException();
			}
		}

		@Override
		public boolean isFinished() {
			return this.in.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.in.setReadListener(listener);
		}

	}

}
