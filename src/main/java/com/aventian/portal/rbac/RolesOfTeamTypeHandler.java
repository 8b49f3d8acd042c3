package com.aventian.portal.rbac;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.MappedTypes;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a JSON array of roles (built by the query with {@code json_build_object}, keys named as {@link RoleOfTeam}'s
 * components) into {@link RolesOfTeam}; SQL null reads as null (a row that does not carry them). Read only.
 */
@MappedTypes(RolesOfTeam.class)
public class RolesOfTeamTypeHandler extends BaseTypeHandler<RolesOfTeam> {

	private static final ObjectReader LIST = JsonMapper.builder().build().readerFor(new TypeReference<List<RoleOfTeam>>() {
	});

	@Override
	public void setNonNullParameter(PreparedStatement ps, int i, RolesOfTeam parameter, JdbcType jdbcType) {
		throw new UnsupportedOperationException("roles are written by the role editor, never as JSON");
	}

	@Override
	public RolesOfTeam getNullableResult(ResultSet rs, String columnName) throws SQLException {
		return decode(rs.getString(columnName));
	}

	@Override
	public RolesOfTeam getNullableResult(ResultSet rs, int columnIndex) throws SQLException {
		return decode(rs.getString(columnIndex));
	}

	@Override
	public RolesOfTeam getNullableResult(CallableStatement cs, int columnIndex) throws SQLException {
		return decode(cs.getString(columnIndex));
	}

	private static RolesOfTeam decode(String json) {
		return (json == null) ? null : new RolesOfTeam(LIST.readValue(json));
	}

}
