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
 * Reads a JSON array of grants (built by the query with {@code json_build_object}, keys named as the
 * record's components) into {@link GrantsOfMember}. Read only: grants are written row by row.
 */
@MappedTypes(GrantsOfMember.class)
public class GrantsOfMemberTypeHandler extends BaseTypeHandler<GrantsOfMember> {

	/** Built once for the type: the mapper's readValue resolved the list's type again for every member read. */
	private static final ObjectReader LIST = JsonMapper.builder().build().readerFor(new TypeReference<List<GrantOfMember>>() {
	});

	@Override
	public void setNonNullParameter(PreparedStatement ps, int i, GrantsOfMember parameter, JdbcType jdbcType) {
		throw new UnsupportedOperationException("grants are written row by row, never as JSON");
	}

	@Override
	public GrantsOfMember getNullableResult(ResultSet rs, String columnName) throws SQLException {
		return decode(rs.getString(columnName));
	}

	@Override
	public GrantsOfMember getNullableResult(ResultSet rs, int columnIndex) throws SQLException {
		return decode(rs.getString(columnIndex));
	}

	@Override
	public GrantsOfMember getNullableResult(CallableStatement cs, int columnIndex) throws SQLException {
		return decode(cs.getString(columnIndex));
	}

	private static GrantsOfMember decode(String json) {
		return (json == null) ? GrantsOfMember.NONE : new GrantsOfMember(LIST.readValue(json));
	}

}
