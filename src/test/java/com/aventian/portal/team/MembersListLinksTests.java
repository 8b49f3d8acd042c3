package com.aventian.portal.team;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.StringTemplateResolver;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pager's links carry the typed query. Written in Java ({@link MembersList}), they must come out exactly as the
 * template's {@code @{/teams/{id}/members(id=...,q=${page.query},page=...)}} wrote them in {@code th:href} and
 * {@code th:data-hx-get}: the same encoding of the query (else a search's next page finds other members, or a crafted
 * query breaks out of the link) and the same escaping of the attribute. Compared here against Thymeleaf's own link
 * expression, run by Spring's template engine with a request under a context path, over hostile and random queries.
 */
class MembersListLinksTests {

	private static final String[] HOSTILE = { "", "mar", "a b", "  spaced  ", "zoë", "日本語", "😀x", "a+b", "a&page=9",
			"q=1&x=2", "%", "%25", "%zz", "#fragment", "?", "/../admin", "\\", "\"><script>alert('x')</script>", "'",
			"O'Neil & \"Co\"", ";jsessionid=1", "=", "\t\nline", "javascript:alert(1)", "&amp;", "&#39;", "{id}", "${q}",
			"*{x}", "[[x]]", "__x__", "~", "!$&'()*+,;=:@", "\u0000", "\u00a0", "\ud800" };

	private static final Pattern LINK = Pattern.compile("<a href=\"([^\"]*)\"\\s+data-hx-get=\"([^\"]*)\"");

	private final UUID team = UUID.randomUUID();

	private final MembersList list = new MembersList(messages(), new MemberRows(messages(), null));

	private final SpringTemplateEngine thymeleaf = thymeleaf();

	@Test
	void thePagerLinksCarryATypedQueryExactlyAsThymeleafsLinkExpressionWroteIt() {
		List<String> queries = new ArrayList<>(List.of(HOSTILE));
		Random random = new Random(20261130);
		String alphabet = "aZ09 -_.~!*'();:@&=+$,/?#[]%\"<>\\^`{|}éü日😀\t";
		for (int i = 0; i < 200; i++) {
			StringBuilder query = new StringBuilder();
			for (int n = random.nextInt(12); n > 0; n--) {
				query.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
			}
			queries.add(query.toString());
		}
		for (String contextPath : new String[] { "", "/portal" }) {
			for (String query : queries) {
				// given page 2 of 3 of a search for the query
				MembersPage page = new MembersPage(List.of(), query, 2, 20, 45, List.of(), null);

				// when the list writes its pager
				List<String[]> links = links(this.list.html(page, this.team, viewer(), request(contextPath), ""));

				// then the previous and next links are Thymeleaf's, in both attributes
				assertThat(links).as(query).hasSize(2);
				assertThat(links.get(0)).as(query).containsExactly(thymeleafs(contextPath, query, 1));
				assertThat(links.get(1)).as(query).containsExactly(thymeleafs(contextPath, query, 3));
				assertThat(String.join("", links.get(0))).as(query).doesNotContain("<", ">", "\"", "'", " ");
			}
		}
	}

	@Test
	void theFirstAndLastPagesHaveOnlyTheLinkThatLeadsSomewhere() {
		String first = this.list.html(new MembersPage(List.of(), "x", 1, 20, 45, List.of(), null), this.team, viewer(), request(""), "");
		String last = this.list.html(new MembersPage(List.of(), "x", 3, 20, 45, List.of(), null), this.team, viewer(), request(""), "");
		String single = this.list.html(new MembersPage(List.of(), "x", 1, 20, 0, List.of(), null), this.team, viewer(), request(""), "");

		assertThat(first).contains("Page 1 of 3").contains(">Next</a>").doesNotContain(">Previous</a>").contains("page=2\"");
		assertThat(last).contains("Page 3 of 3").contains(">Previous</a>").doesNotContain(">Next</a>").contains("page=2\"");
		assertThat(single).contains(">No members</p>").contains("No member matches your search.").doesNotContain("pager");
	}

	@Test
	void theTotalSaysHowManyInEveryFormItsChoiceHasWhetherKeptOrNot() {
		for (int round = 0; round < 2; round++) {
			assertThat(total(0)).isEqualTo("No members");
			assertThat(total(1)).isEqualTo("1 member");
			assertThat(total(2)).isEqualTo("2 members");
			assertThat(total(12345)).isEqualTo("12,345 members");
		}
	}

	private String total(long total) {
		String html = this.list.html(new MembersPage(List.of(), "", 1, 20, total, List.of(), null), this.team, viewer(), request(""), "");
		Matcher matcher = Pattern.compile("data-testid=\"member-total\">([^<]*)</p>").matcher(html);
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}

	/** Spring's template engine as the portal's (its Spring dialect, its link builder), reading templates from strings. */
	private static SpringTemplateEngine thymeleaf() {
		SpringTemplateEngine engine = new SpringTemplateEngine();
		StringTemplateResolver resolver = new StringTemplateResolver();
		resolver.setTemplateMode(TemplateMode.HTML);
		engine.setTemplateResolver(resolver);
		return engine;
	}

	private String[] thymeleafs(String contextPath, String query, int pageNumber) {
		MockHttpServletRequest request = request(contextPath);
		MockHttpServletResponse response = new MockHttpServletResponse();
		Map<String, Object> variables = new HashMap<>();
		variables.put("id", this.team);
		variables.put("q", query);
		variables.put("p", pageNumber);
		WebContext context = new WebContext(JakartaServletWebApplication.buildApplication(request.getServletContext())
			.buildExchange(request, response), Locale.ENGLISH, variables);
		// the template's two attributes, as members.html had them
		String html = this.thymeleaf.process("<a th:href=\"@{/teams/{id}/members(id=${id},q=${q},page=${p})}\"\n"
				+ "   th:data-hx-get=\"@{/teams/{id}/members(id=${id},q=${q},page=${p})}\">x</a>", context);
		List<String[]> links = links(html);
		assertThat(links).hasSize(1);
		return links.get(0);
	}

	private static List<String[]> links(String html) {
		List<String[]> links = new ArrayList<>();
		Matcher matcher = LINK.matcher(html);
		while (matcher.find()) {
			links.add(new String[] { matcher.group(1), matcher.group(2) });
		}
		return links;
	}

	private static MockHttpServletRequest request(String contextPath) {
		MockHttpServletRequest request = new MockHttpServletRequest(new MockServletContext(), "GET",
				contextPath + "/teams/x/members");
		request.setContextPath(contextPath);
		request.addPreferredLocale(Locale.ENGLISH);
		return request;
	}

	private static MemberRows.Viewer viewer() {
		return new MemberRows.Viewer(UUID.randomUUID().toString(), List.of(), false, false, false);
	}

	private static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages");
		messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
		messages.setFallbackToSystemLocale(false);
		return messages;
	}

}
