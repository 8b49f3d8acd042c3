package com.aventian.portal.rbac;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A member's grants cell as {@link GrantsCells} works it out, with the portal's own messages. */
class GrantsCellsTests {

	private static final UUID MEMBER = UUID.fromString("5b0e7c1a-3f44-4d2e-9b1a-0c6f1d2e3a4b");

	private static final String URL = "/teams/7d1c3f0e-8a55-4a51-9d7e-2a1f7c7b0a11/members/" + MEMBER + "/grants";

	private final GrantsCells cells = new GrantsCells(messages());

	private final GrantOfMember editor = new GrantOfMember(UUID.randomUUID(), MEMBER, UUID.randomUUID(), "Editor",
			true, true, null, null, null);

	private final GrantOfMember scoped = new GrantOfMember(UUID.randomUUID(), MEMBER, UUID.randomUUID(),
			"<i>\"Sales\" & 'Co'</i>", false, true, UUID.randomUUID(), "contact", "ACME & <Sons>");

	@Test
	void aViewerWhoMayChangeTheGrantsGetsARemoveLinkPerGrantAndTheAddLink() {
		// when the cell is worked out for a viewer who may change the member's grants
		GrantsCells.Cell cell = this.cells.cell(MEMBER, URL, List.of(this.editor, this.scoped),
				this.cells.labels(Locale.ENGLISH));

		// then its id, its links, and each grant's labels as plain text (the template escapes them)
		assertThat(cell.id()).isEqualTo("grants-" + MEMBER);
		assertThat(cell.changeable()).isTrue();
		assertThat(cell.newUrl()).isEqualTo(URL + "/new");
		assertThat(cell.items()).extracting(GrantsCells.Item::label, GrantsCells.Item::removeUrl, GrantsCells.Item::removeLabel)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple("Editor", URL + "/" + this.editor.id() + "/remove", "Remove Editor"),
					org.assertj.core.groups.Tuple.tuple("<i>\"Sales\" & 'Co'</i> on contact 'ACME & <Sons>'",
							URL + "/" + this.scoped.id() + "/remove", "Remove <i>\"Sales\" & 'Co'</i> on contact 'ACME & <Sons>'"));
		assertThat(cell.labels()).isEqualTo(new GrantsCells.Labels("Remove role", "Add a role", "No role.", "Remove ", ""));
	}

	@Test
	void aViewerWhoMayNotChangeThemGetsTheLabelsOnly() {
		// when the cell is worked out without the right to change (no link given)
		GrantsCells.Cell cell = this.cells.cell(MEMBER, null, List.of(this.editor), this.cells.labels(Locale.ENGLISH));

		// then no link at all
		assertThat(cell.changeable()).isFalse();
		assertThat(cell.newUrl()).isNull();
		assertThat(cell.items()).containsExactly(new GrantsCells.Item("Editor", null, null));
	}

	@Test
	void theCellsMarkupEscapesEveryLabelAndLinkAndCarriesTheOutcome() {
		// given a cell with a role and a resource named with markup, and an outcome with markup in it
		GrantsCells.Cell cell = this.cells.cell(MEMBER, URL, List.of(this.scoped), this.cells.labels(Locale.ENGLISH));

		// when its markup is written
		String html = this.cells.html(cell, "Added <b>x</b> & 'y'.", "Refused \"<z>\".");

		// then the labels come out escaped in text and in the remove link's name, the links as given, the cell the
		// target its links inherit
		String label = "&lt;i&gt;&quot;Sales&quot; &amp; &#39;Co&#39;&lt;/i&gt; on contact &#39;ACME &amp; &lt;Sons&gt;&#39;";
		assertThat(html).startsWith("<div id=\"grants-" + MEMBER
				+ "\" class=\"grants\" data-testid=\"member-grants\" data-hx-target=\"this\" data-hx-swap=\"outerHTML\">")
			.contains("<span>" + label + "</span> <a class=\"link-button\"")
			.contains("aria-label=\"Remove " + label + "\"")
			.contains("href=\"" + URL + "/" + this.scoped.id() + "/remove\"")
			.contains("data-hx-get=\"" + URL + "/new\">Add a role</a>")
			.contains("<p class=\"row-message\" role=\"status\">Added &lt;b&gt;x&lt;/b&gt; &amp; &#39;y&#39;.</p>")
			.contains("<p class=\"field-error\" role=\"alert\">Refused &quot;&lt;z&gt;&quot;.</p>")
			.doesNotContain("<i>", "<Sons>", "<b>", "<z>")
			.endsWith("</div>");
	}

	@Test
	void aCellWithoutGrantsSaysSoAndOneWithoutTheRightHasNoLinks() {
		String empty = this.cells.html(this.cells.cell(MEMBER, null, List.of(), this.cells.labels(Locale.ENGLISH)), null, null);

		assertThat(empty).contains("<p class=\"muted\">No role.</p>")
			.doesNotContain("<a ", "row-message", "field-error", "data-hx-");
	}

	private static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages");
		messages.setDefaultEncoding("UTF-8");
		return messages;
	}

}
