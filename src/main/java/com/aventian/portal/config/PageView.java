package com.aventian.portal.config;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import com.aventian.portal.shared.web.LayoutMarkup;

import org.springframework.context.ApplicationContext;
import org.thymeleaf.spring6.view.ThymeleafView;

/**
 * Every view of the portal (the class {@link HtmlViews} gives Thymeleaf's resolver): Thymeleaf's view with two
 * changes. The model gets the request's layout parts ({@link LayoutMarkup}, {@code ${layout.*}} in
 * {@code layout/page}), so every page, an exception handler's and Boot's error pages included, draws the same
 * head, header and footer without a model advice. And the page is not flushed: Thymeleaf's view flushes the writer
 * after writing the page, which made Tomcat commit the answer before it knew its length and send it chunked in two
 * writes (3-4% of team home's CPU, issue 10). Unflushed, a page smaller than Tomcat's buffer goes out in one write
 * with a {@code Content-Length} once the request is done; a larger one fills the buffer and is sent chunked as before.
 */
class PageView extends ThymeleafView {

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
		super.render(withLayout, request, new Unflushed(response));
	}

	/** The response with a writer whose {@code flush()} does nothing: the container sends the page when the request ends. */
	private static final class Unflushed extends HttpServletResponseWrapper {

		private PrintWriter writer;

		Unflushed(HttpServletResponse response) {
			super(response);
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			if (this.writer == null) {
				this.writer = new PrintWriter(super.getWriter(), false) {
					@Override
					public void flush() {
						// the container flushes once the request is done
					}
				};
			}
			return this.writer;
		}

	}

}
