package com.aventian.portal.crypto;

/** The keyset cannot be read, unwrapped or written: the portal does not start (or the rotation stops) with this. */
public class KeysetUnavailableException extends IllegalStateException {

	KeysetUnavailableException(String message) {
		super(message);
	}

	KeysetUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
