package com.aventian.portal.config;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import com.aventian.portal.shared.web.LayoutMarkup;

import org.springframework.context.ApplicationContext;
import org.thymeleaf.spring6.view.ThymeleafView;
import org.thymeleaf.util.FastStringWriter;

/**
 * Every view of the portal (the class {@link HtmlViews} gives Thymeleaf's resolver): Thymeleaf's view with two
 * changes. The model gets the request's layout parts ({@link LayoutMarkup}, {@code ${layout.*}} in
 * {@code layout/page}), so every page, an exception handler's and Boot's error pages included, draws the same
 * head, header and footer without a model advice. And the page is taken into memory whole and sent as bytes (UTF-8) in
 * one write with its {@code Content-Length}: Thymeleaf's text no longer goes through Spring Session's and Spring
 * Security's response writers and Tomcat's character encoder, and a page larger than Tomcat's buffer goes out with its
 * length instead of chunked (issue 10). A failure while rendering has sent nothing, so the error page is drawn on an
 * empty answer.
 */
class PageView extends ThymeleafView {

	/** Enough for a team page in one piece; larger pages grow the buffer. */
	private static final int PAGE_CHARS = 16 * 1024;

	private LayoutMarkup layout;

	@Override
	protected void initApplicationContext(ApplicationContext context) {
		super.initApplicationContext(context);
		this.layout = context.getBean(LayoutMarkup.class);
	}

	@Override
	public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response) throws Exception {
		Map<String, Object> withLayout = (model != null) ? new HashMap<>(model) : new HashMap<>();
		withLayout.put(LayoutMarkup.VARIABLE, this.layout.partsFor(request, withLayout));
		RenderedWhole page = new RenderedWhole(response);
		super.render(withLayout, request, page);
		page.send();
	}

	/**
	 * The response as Thymeleaf's view sees it: its headers are the response's, its writer a buffer sent by
	 * {@link #send()}. The length is set before the bytes are written, so the wrappers around the response save
	 * the session and write their headers (a new session's cookie among them) before the answer commits.
	 */
	private static final class RenderedWhole extends HttpServletResponseWrapper {

		private final FastStringWriter page = new FastStringWriter(PAGE_CHARS);

		private final PrintWriter writer = new Unlocked(this.page);

		RenderedWhole(HttpServletResponse response) {
			super(response);
		}

		@Override
		public PrintWriter getWriter() {
			return this.writer;
		}

		void send() throws IOException {
			byte[] body = this.page.toString().getBytes(Charset.forName(getCharacterEncoding()));
			setContentLength(body.length);
			getOutputStream().write(body);
		}

	}

	/**
	 * A writer into the page's buffer without {@link PrintWriter}'s lock on every write: the buffer belongs to one
	 * request's thread. Thymeleaf writes only through these methods (once per page while
	 * {@code spring.thymeleaf.servlet.produce-partial-output-while-processing} is false, as set); any other goes
	 * through the lock to the same buffer.
	 */
	private static final class Unlocked extends PrintWriter {

		private final FastStringWriter page;

		Unlocked(FastStringWriter page) {
			super(page, false);
			this.page = page;
		}

		@Override
		public void write(int c) {
			this.page.write(c);
		}

		@Override
		public void write(char[] buf, int off, int len) {
			this.page.write(buf, off, len);
		}

		@Override
		public void write(char[] buf) {
			this.page.write(buf, 0, buf.length);
		}

		@Override
		public void write(String s, int off, int len) {
			this.page.write(s, off, len);
		}

		@Override
		public void write(String s) {
			this.page.write(s);
		}

		@Override
		public void flush() {
			// the page is sent whole by RenderedWhole.send
		}

	}

}
