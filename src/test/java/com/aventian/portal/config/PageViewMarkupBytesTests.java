package com.aventian.portal.config;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.aventian.portal.PortalTest;
import com.aventian.portal.TestUsers;
import com.aventian.portal.shared.web.MarkupBytes;
import com.aventian.portal.shared.web.NotTeamScoped;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A model value that is {@link MarkupBytes} is not rendered as text: {@link PageView} gives the template a mark for it
 * and copies its bytes where the template wrote the mark, as many times as it did, into the page's one array.
 */
@PortalTest
@Import(PageViewMarkupBytesTests.Pieces.class)
class PageViewMarkupBytesTests {

	/** Names of two, three and four bytes a character in UTF-8, and markup that must stay as it is. */
	static final String ROW = "<tr><td>Zo\u00eb &amp; \u0141ukasz \u6f22\u5b57 \ud83d\ude00</td></tr>\n";

	@LocalServerPort
	int port;

	@Autowired
	TestUsers users;

	@Test
	void theBytesArePlacedWhereTheTemplateWritesThemTheRestRenderedAsText() {
		// when a page carries 40 KB of markup bytes (more than the page's buffer and Tomcat's) and a small second piece
		HttpResponse<String> page = this.users.signedIn(this.port).get("/test/markup-bytes?title=" + "%3Cscript%3E%20%26");

		// then each comes where its mark was, byte for byte, and the template's own text is rendered and escaped
		String first = ROW.repeat(800);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<h1>&lt;script&gt; &amp;</h1>")
			.contains("<div id=\"first\">" + first + "</div>")
			.contains("<div id=\"second\"><p>second</p></div>")
			.doesNotContain("\u0000")
			.doesNotContain("id=\"again\"");
		assertThat(page.headers().firstValue("Transfer-Encoding")).isEmpty();
		assertThat(page.headers().firstValueAsLong("Content-Length"))
			.hasValue(page.body().getBytes(StandardCharsets.UTF_8).length);
	}

	@Test
	void bytesTheTemplateWritesTwiceComeTwice() {
		HttpResponse<String> page = this.users.signedIn(this.port).get("/test/markup-bytes?title=t&twice=true");

		String first = ROW.repeat(800);
		assertThat(page.body()).contains("<div id=\"first\">" + first + "</div>")
			.contains("<div id=\"again\">" + first + "</div>");
		assertThat(page.headers().firstValueAsLong("Content-Length"))
			.hasValue(page.body().getBytes(StandardCharsets.UTF_8).length);
	}

	/** Markup held as bytes, as a kept members list is. */
	record Bytes(byte[] bytes) implements MarkupBytes {

		static Bytes of(String markup) {
			return new Bytes(markup.getBytes(StandardCharsets.UTF_8));
		}

		@Override
		public int length() {
			return this.bytes.length;
		}

		@Override
		public void copyTo(byte[] page, int offset) {
			System.arraycopy(this.bytes, 0, page, offset, this.bytes.length);
		}

	}

	@TestConfiguration
	@Controller
	@NotTeamScoped
	static class Pieces {

		@GetMapping("/test/markup-bytes")
		String page(@RequestParam String title, @RequestParam(defaultValue = "false") boolean twice, Model model) {
			model.addAttribute("title", title);
			model.addAttribute("first", Bytes.of(ROW.repeat(800)));
			model.addAttribute("second", Bytes.of("<p>second</p>"));
			model.addAttribute("twice", twice);
			return "test/markup-bytes";
		}

	}

}
