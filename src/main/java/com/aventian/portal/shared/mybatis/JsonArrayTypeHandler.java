package com.aventian.portal.shared.mybatis;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a JSON array that a query built ({@code json_agg} of {@code json_build_object}, keys named as the element
 * record's components) into the value a mapper's column carries. Read only: what such a column aggregates is written
 * row by row, never as JSON. Abstract, so MyBatis's scan of this package registers only its subclasses.
 */
public abstract class JsonArrayTypeHandler<T, E> extends BaseTypeHandler<T> {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Built once per handler: the mapper's readValue resolved the list's type again for every row read. */
	private final ObjectReader elements;

	private final Function<List<E>, T> value;

	private final T whenNull;

	/**
	 * @param elements the array's type, e.g. {@code new TypeReference<List<GrantOfMember>>() {}}
	 * @param value what the column's value is made of its elements
	 * @param whenNull what an SQL null reads as (a row that does not carry the array)
	 */
	protected JsonArrayTypeHandler(TypeReference<List<E>> elements, Function<List<E>, T> value, T whenNull) {
		this.elements = JSON.readerFor(elements);
		this.value = value;
		this.whenNull = whenNull;
	}

	@Override
	public void setNonNullParameter(PreparedStatement ps, int i, T parameter, JdbcType jdbcType) {
		throw new UnsupportedOperationException(getClass().getSimpleName() + " only reads: its rows are written one by one");
	}

	@Override
	public T getNullableResult(ResultSet rs, String columnName) throws SQLException {
		return decode(rs.getString(columnName));
	}

	@Override
	public T getNullableResult(ResultSet rs, int columnIndex) throws SQLException {
		return decode(rs.getString(columnIndex));
	}

	@Override
	public T getNullableResult(CallableStatement cs, int columnIndex) throws SQLException {
		return decode(cs.getString(columnIndex));
	}

	private T decode(String json) {
		return (json == null) ? this.whenNull : this.value.apply(this.elements.readValue(json));
	}

}
