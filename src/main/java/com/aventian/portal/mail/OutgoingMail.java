package com.aventian.portal.mail;

/** A plain-text e-mail to one person. */
public record OutgoingMail(String to, String subject, String body) {

	@Override
	public String toString() {
		// bodies hold single-use links: never in logs
		return "OutgoingMail[to=" + this.to + ", subject=" + this.subject + "]";
	}

}
