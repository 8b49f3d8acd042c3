package com.aventian.portal.rbac;

import java.util.List;

import com.aventian.portal.shared.mybatis.JsonArrayTypeHandler;
import org.apache.ibatis.type.MappedTypes;
import tools.jackson.core.type.TypeReference;

/**
 * Reads a JSON array of grants (keys named as {@link GrantOfMember}'s components) into {@link GrantsOfMember}; SQL
 * null reads as no grants. Grants are written row by row, never as JSON.
 */
@MappedTypes(GrantsOfMember.class)
public class GrantsOfMemberTypeHandler extends JsonArrayTypeHandler<GrantsOfMember, GrantOfMember> {

	public GrantsOfMemberTypeHandler() {
		super(new TypeReference<List<GrantOfMember>>() {
		}, GrantsOfMember::new, GrantsOfMember.NONE);
	}

}
