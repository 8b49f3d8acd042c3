package com.aventian.portal.shared.mybatis;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.MappedTypes;

/** Binds {@link Jsonb} to PostgreSQL's {@code jsonb}. */
@MappedTypes(Jsonb.class)
public class JsonbTypeHandler extends BaseTypeHandler<Jsonb> {

	@Override
	public void setNonNullParameter(PreparedStatement ps, int i, Jsonb parameter, JdbcType jdbcType) throws SQLException {
		// sent untyped: the server casts the text to the column's type
		ps.setObject(i, parameter.json(), Types.OTHER);
	}

	@Override
	public Jsonb getNullableResult(ResultSet rs, String columnName) throws SQLException {
		return wrap(rs.getString(columnName));
	}

	@Override
	public Jsonb getNullableResult(ResultSet rs, int columnIndex) throws SQLException {
		return wrap(rs.getString(columnIndex));
	}

	@Override
	public Jsonb getNullableResult(CallableStatement cs, int columnIndex) throws SQLException {
		return wrap(cs.getString(columnIndex));
	}

	private static Jsonb wrap(String json) {
		return json == null ? null : new Jsonb(json);
	}

}
