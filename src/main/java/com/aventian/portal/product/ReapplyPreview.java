package com.aventian.portal.product;

import java.util.List;
import java.util.UUID;

/** What re-applying a template would change, team by team, before anything changes. */
public record ReapplyPreview(RoleTemplate template, List<String> privileges, List<TeamChange> teams) {

	/** Members are named in small numbers; past that the page gives their number. */
	static final int NAMED_MEMBERS = 20;

	public List<TeamChange> changing() {
		return this.teams.stream().filter(TeamChange::changes).toList();
	}

	/** One team's copy of the template: privileges it would gain and lose, and the members holding it. */
	public record TeamChange(UUID teamId, String teamName, UUID roleId, String roleName, List<String> added,
			List<String> removed, List<String> members, int memberCount) {

		public boolean changes() {
			return !this.added.isEmpty() || !this.removed.isEmpty();
		}

	}

}
