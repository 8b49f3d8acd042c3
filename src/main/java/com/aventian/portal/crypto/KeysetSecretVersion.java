package com.aventian.portal.crypto;

/**
 * The Secret Manager secret ({@code projects/<p>/secrets/<s>}) and version the keyset in use was read from or
 * written to; published as an application event whenever it changes, for {@code tbl_secret_pointers}. Never a value.
 */
public record KeysetSecretVersion(String secretName, String version) {

	/** The pointer's name in {@code tbl_secret_pointers}. */
	public static final String POINTER = "crypto-keyset";

	/** What the pointer is for, as the table says it. */
	public static final String PURPOSE = "aventian.crypto.keyset (the keyset encrypting team database connections)";

}
