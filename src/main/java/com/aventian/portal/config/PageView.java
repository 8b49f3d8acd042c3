package com.aventian.portal.config;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import com.aventian.portal.shared.web.LayoutMarkup;
import com.aventian.portal.shared.web.MarkupBytes;

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
 * empty answer. A model value that is {@link MarkupBytes} (the members page's kept list) reaches the template as a mark
 * and its bytes are copied where the template wrote the mark: the page's own text is all that is rendered and encoded.
 */
class PageView extends ThymeleafView {

	/** Enough for a team page in one piece; larger pages grow the buffer. */
	private static final int PAGE_CHARS = 16 * 1024;

	/** Begins the mark a {@link MarkupBytes} value is rendered as: no template or database text holds a NUL. */
	private static final String MARK = "\u0000markup-bytes-" + UUID.randomUUID() + "-";

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
		List<Insert> inserts = marked(withLayout);
		RenderedWhole page = new RenderedWhole(response);
		super.render(withLayout, request, page);
		page.send(inserts);
	}

	/** A {@link MarkupBytes} value of the model, and the mark the template gets in its place. */
	private record Insert(String mark, MarkupBytes markup) {
	}

	/** The model's {@link MarkupBytes} values, each replaced by its mark. */
	private static List<Insert> marked(Map<String, Object> model) {
		List<Insert> inserts = null;
		for (Map.Entry<String, Object> entry : model.entrySet()) {
			if (entry.getValue() instanceof MarkupBytes markup) {
				if (inserts == null) {
					inserts = new ArrayList<>(2);
				}
				Insert insert = new Insert(MARK + entry.getKey() + "\u0000", markup);
				entry.setValue(insert.mark());
				inserts.add(insert);
			}
		}
		return (inserts != null) ? inserts : List.of();
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

		void send(List<Insert> inserts) throws IOException {
			Charset charset = Charset.forName(getCharacterEncoding());
			byte[] body = inserts.isEmpty() ? this.page.toString().getBytes(charset) : withInserts(inserts, charset);
			setContentLength(body.length);
			getOutputStream().write(body);
		}

		/** The page's text encoded around the marks, each insert's bytes copied where its mark was: one array. */
		private byte[] withInserts(List<Insert> inserts, Charset charset) {
			if (!StandardCharsets.UTF_8.equals(charset)) {
				throw new IllegalStateException("Markup bytes are UTF-8; this page is " + charset);
			}
			String text = this.page.toString();
			List<byte[]> texts = new ArrayList<>();
			List<MarkupBytes> between = new ArrayList<>();
			int length = 0;
			int from = 0;
			for (Found next = nextIn(text, from, inserts); next != null; next = nextIn(text, from, inserts)) {
				texts.add(text.substring(from, next.at()).getBytes(charset));
				between.add(next.insert().markup());
				length += texts.get(texts.size() - 1).length + next.insert().markup().length();
				from = next.at() + next.insert().mark().length();
			}
			texts.add(text.substring(from).getBytes(charset));
			length += texts.get(texts.size() - 1).length;
			byte[] body = new byte[length];
			int at = 0;
			for (int i = 0; i < texts.size(); i++) {
				byte[] piece = texts.get(i);
				System.arraycopy(piece, 0, body, at, piece.length);
				at += piece.length;
				if (i < between.size()) {
					between.get(i).copyTo(body, at);
					at += between.get(i).length();
				}
			}
			return body;
		}

		/** An insert's mark found in the page's text, and where. */
		private record Found(Insert insert, int at) {
		}

		/** The insert whose mark comes first in {@code text} from {@code from} on, and where; null when none does. */
		private static Found nextIn(String text, int from, List<Insert> inserts) {
			Found first = null;
			for (Insert insert : inserts) {
				int at = text.indexOf(insert.mark(), from);
				if (at >= 0 && (first == null || at < first.at())) {
					first = new Found(insert, at);
				}
			}
			return first;
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
