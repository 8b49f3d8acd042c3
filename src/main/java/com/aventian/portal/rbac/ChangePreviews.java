package com.aventian.portal.rbac;

import java.util.List;
import java.util.UUID;

import com.aventian.portal.rbac.RoleEditorMapper.EditableRole;
import com.aventian.portal.rbac.RoleEditorMapper.Holding;
import com.aventian.portal.rbac.RoleEditorMapper.Privilege;
import com.aventian.portal.team.TeamRuleException;

import org.springframework.stereotype.Service;

/**
 * What a change that takes something away would cost, before it is confirmed: removing a privilege from
 * a role, or deleting a role. Reads only.
 */
@Service
public class ChangePreviews {

	private final RoleEditorMapper roles;

	ChangePreviews(RoleEditorMapper roles) {
		this.roles = roles;
	}

	/**
	 * The members who would lose the privilege if the role no longer held it: those holding the role, in
	 * the scopes where no other grant of theirs gives it too.
	 */
	public LossPreview removal(UUID teamId, UUID roleId, String code) {
		EditableRole role = role(teamId, roleId);
		Privilege privilege = this.roles.findAvailablePrivilege(teamId, code)
			.orElseThrow(() -> new TeamRuleException("There is no privilege " + code + " for this team's roles."));
		return preview(code + " (through " + role.name() + ")", this.roles.findLosses(teamId, roleId, privilege.id()));
	}

	/** The members holding the role: a role is deleted only when nobody does. */
	public LossPreview deletion(UUID teamId, UUID roleId) {
		EditableRole role = role(teamId, roleId);
		return preview(role.name(), this.roles.findHoldings(teamId, roleId));
	}

	private static LossPreview preview(String what, List<Holding> holdings) {
		List<LossPreview.MemberLoss> members = Scopes.byMember(holdings);
		return new LossPreview(what, members.size(), members.stream().limit(LossPreview.NAMED).toList());
	}

	private EditableRole role(UUID teamId, UUID roleId) {
		return this.roles.findRole(teamId, roleId)
			.orElseThrow(() -> new TeamRuleException("That role does not exist in this team."));
	}

}
