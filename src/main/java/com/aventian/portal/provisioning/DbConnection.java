package com.aventian.portal.provisioning;

/**
 * A team's working credentials for its product database. Only ever handed to the product's own API key;
 * its text form hides the password, so a log line or exception naming it leaks nothing.
 */
public record DbConnection(String host, int port, String database, String user, String password) {

	public String jdbcUrl() {
		return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + this.database;
	}

	@Override
	public String toString() {
		return "DbConnection[" + this.user + "@" + this.host + ":" + this.port + "/" + this.database + ", password hidden]";
	}

}
