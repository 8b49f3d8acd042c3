package com.aventian.portal.account;

/** What an OIDC provider told us about the person signing in (kept in the session while a link waits for proof). */
public record ExternalSignIn(String issuer, String subject, String email, boolean emailVerified, String displayName)
		implements java.io.Serializable {

	public ExternalSignIn {
		if (displayName == null || displayName.isBlank()) {
			displayName = (email != null) ? email.substring(0, Math.max(1, email.indexOf('@'))) : subject;
		}
		displayName = displayName.strip();
		if (displayName.length() > 100) {
			displayName = displayName.substring(0, 100);
		}
	}

}
