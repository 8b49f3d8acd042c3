package com.aventian.portal.shared.mybatis;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.MappedTypes;

/** Binds {@link InetAddress} to PostgreSQL's {@code inet}. */
@MappedTypes(InetAddress.class)
public class InetAddressTypeHandler extends BaseTypeHandler<InetAddress> {

	@Override
	public void setNonNullParameter(PreparedStatement ps, int i, InetAddress parameter, JdbcType jdbcType) throws SQLException {
		// sent untyped: the server casts the text to the column's type
		ps.setObject(i, parameter.getHostAddress(), Types.OTHER);
	}

	@Override
	public InetAddress getNullableResult(ResultSet rs, String columnName) throws SQLException {
		return parse(rs.getString(columnName));
	}

	@Override
	public InetAddress getNullableResult(ResultSet rs, int columnIndex) throws SQLException {
		return parse(rs.getString(columnIndex));
	}

	@Override
	public InetAddress getNullableResult(CallableStatement cs, int columnIndex) throws SQLException {
		return parse(cs.getString(columnIndex));
	}

	private static InetAddress parse(String value) throws SQLException {
		if (value == null) {
			return null;
		}
		// inet prints a host as "10.0.0.1" or, with a netmask, "10.0.0.0/8"; the address part is a literal
		String address = value.contains("/") ? value.substring(0, value.indexOf('/')) : value;
		try {
			return InetAddress.getByName(address);
		}
		catch (UnknownHostException ex) {
			throw new SQLException("Not an inet literal: " + value, ex);
		}
	}

}
