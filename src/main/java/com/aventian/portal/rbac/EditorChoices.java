package com.aventian.portal.rbac;

import java.util.List;
import java.util.UUID;

/** What the editor's pickers offer: the team's members, its resources, its roles one may assign. */
public record EditorChoices(List<Member> members, List<Resource> resources) {

	public record Member(UUID userId, String displayName, String email) {

		public String label() {
			return this.displayName + " (" + this.email + ")";
		}

	}

	public record Resource(UUID id, String resourceType, String displayName, String productName) {

		public String label() {
			return this.productName + " " + this.resourceType + " '" + this.displayName + "'";
		}

	}

}
