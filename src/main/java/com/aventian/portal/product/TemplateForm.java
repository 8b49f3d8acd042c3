package com.aventian.portal.product;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What an admin sets on a role template: its words, its flags and the privileges it holds. */
public record TemplateForm(String name, String description, Integer sortOrder, boolean system, boolean visible,
		boolean creatorDefault, boolean invitationDefault, List<UUID> privilegeIds) {

	static TemplateForm blank() {
		return new TemplateForm("", "", 100, false, true, false, false, List.of());
	}

	TemplateForm cleaned() {
		return new TemplateForm(this.name == null ? "" : this.name.strip(),
				this.description == null ? "" : this.description.strip(), this.sortOrder == null ? 100 : this.sortOrder,
				this.system, this.visible, this.creatorDefault, this.invitationDefault,
				this.privilegeIds == null ? List.of() : new ArrayList<>(this.privilegeIds));
	}

}
