package com.aventian.portal.rbac;

import java.util.List;

import com.aventian.portal.shared.mybatis.JsonArrayTypeHandler;
import org.apache.ibatis.type.MappedTypes;
import tools.jackson.core.type.TypeReference;

/**
 * Reads a JSON array of roles (keys named as {@link RoleOfTeam}'s components) into {@link RolesOfTeam}; SQL null
 * reads as null (a row that does not carry them). Roles are written by the role editor, never as JSON.
 */
@MappedTypes(RolesOfTeam.class)
public class RolesOfTeamTypeHandler extends JsonArrayTypeHandler<RolesOfTeam, RoleOfTeam> {

	public RolesOfTeamTypeHandler() {
		super(new TypeReference<List<RoleOfTeam>>() {
		}, RolesOfTeam::new, null);
	}

}
