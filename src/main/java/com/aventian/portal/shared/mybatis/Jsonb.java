package com.aventian.portal.shared.mybatis;

/** A JSON document as stored in a {@code jsonb} column, carried as text between the database and the code. */
public record Jsonb(String json) {

	public static final Jsonb EMPTY_OBJECT = new Jsonb("{}");

}
