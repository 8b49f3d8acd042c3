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
				this.cells.labels(Locale.ENGLISH), Locale.ENGLISH);

		// then its id and target, its links, and each grant's labels as plain text (the template escapes them)
		assertThat(cell.id()).isEqualTo("grants-" + MEMBER);
		assertThat(cell.target()).isEqualTo("#grants-" + MEMBER);
		assertThat(cell.changeable()).isTrue();
		assertThat(cell.newUrl()).isEqualTo(URL + "/new");
		assertThat(cell.items()).extracting(GrantsCells.Item::label, GrantsCells.Item::removeUrl, GrantsCells.Item::removeLabel)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple("Editor", URL + "/" + this.editor.id() + "/remove", "Remove Editor"),
					org.assertj.core.groups.Tuple.tuple("<i>\"Sales\" & 'Co'</i> on contact 'ACME & <Sons>'",
							URL + "/" + this.scoped.id() + "/remove", "Remove <i>\"Sales\" & 'Co'</i> on contact 'ACME & <Sons>'"));
		assertThat(cell.labels()).isEqualTo(new GrantsCells.Labels("Remove role", "Add a role", "No role."));
	}

	@Test
	void aViewerWhoMayNotChangeThemGetsTheLabelsOnly() {
		// when the cell is worked out without the right to change (no link given)
		GrantsCells.Cell cell = this.cells.cell(MEMBER, null, List.of(this.editor), this.cells.labels(Locale.ENGLISH),
				Locale.ENGLISH);

		// then no link at all
		assertThat(cell.changeable()).isFalse();
		assertThat(cell.newUrl()).isNull();
		assertThat(cell.items()).containsExactly(new GrantsCells.Item("Editor", null, null));
	}

	private static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages");
		messages.setDefaultEncoding("UTF-8");
		return messages;
	}

}
