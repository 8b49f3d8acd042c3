package com.aventian.portal.crypto;

/** A value could not be encrypted or decrypted. Its message names a key id at most, never the value. */
public class CipherException extends RuntimeException {

	CipherException(String message, Throwable cause) {
		super(message, cause);
	}

}
