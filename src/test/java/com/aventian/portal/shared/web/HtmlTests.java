package com.aventian.portal.shared.web;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.unbescape.html.HtmlEscape;

import static org.assertj.core.api.Assertions.assertThat;

/** The writer of markup drawn in Java escapes every value exactly as Thymeleaf's {@code th:text} and {@code th:attr} do. */
class HtmlTests {

	private static final String[] HOSTILE = { "<script>alert('x')</script>", "\"><img src=x onerror=alert(1)>",
			"Bob & \"Bobby\" O'Neil", "&amp; already escaped", "a < b > c", "'';!--\"<XSS>=&{()}", "javascript:alert(1)",
			"ünïcödé — ✓ 𝄞", "line\nbreak\ttab", "", "&#39;", "<", "&" };

	@Test
	void textAndAttributeValuesComeOutAsThymeleafEscapesThem() {
		for (String value : HOSTILE) {
			// when a hostile value is written as text and as an attribute
			String text = new Html(16).text(value).toString();
			String attr = new Html(16).attr("data-x", value).toString();

			// then exactly Thymeleaf's escaping (unbescape's HTML4/XML, markup-significant characters only)
			assertThat(text).isEqualTo(HtmlEscape.escapeHtml4Xml(value));
			assertThat(attr).isEqualTo(" data-x=\"" + HtmlEscape.escapeHtml4Xml(value) + "\"");
			assertThat(text).doesNotContain("<", ">", "\"", "'");
			assertThat(attr.substring(" data-x=\"".length(), attr.length() - 1)).doesNotContain("<", ">", "\"", "'");
		}
	}

	@Test
	void nullTextWritesNothingAndANullAttributeIsLeftOut() {
		assertThat(new Html(16).markup("<td>").text(null).markup("</td>").attr("href", (String) null).toString())
			.isEqualTo("<td></td>");
	}

	@Test
	void aValueThatIsNotTextIsWrittenAsItsString() {
		UUID id = UUID.randomUUID();

		assertThat(new Html(16).attr("value", id).attr("n", 42).toString()).isEqualTo(" value=\"" + id + "\" n=\"42\"");
	}

}
