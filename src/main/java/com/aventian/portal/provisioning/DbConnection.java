package com.aventian.portal.provisioning;

/**
 * A team's working credentials for its product database: under schema isolation also the team's schema in the
 * shared database (null for a database of its own), which the JDBC URL selects. Only ever handed to the product's
 * own API key; its text form hides the password, so a log line or exception naming it leaks nothing.
 */
public record DbConnection(String host, int port, String database, String user, String password, String schema) {

	public String jdbcUrl() {
		String url = "jdbc:postgresql://" + this.host + ":" + this.port + "/" + this.database;
		return (this.schema != null) ? url + "?currentSchema=" + this.schema : url;
	}

	@Override
	public String toString() {
		return "DbConnection[" + this.user + "@" + this.host + ":" + this.port + "/" + this.database
				+ ((this.schema != null) ? ", schema " + this.schema : "") + ", password hidden]";
	}

}
