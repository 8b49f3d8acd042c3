package com.aventian.portal.billing;

import java.util.UUID;

/** A team's billing contact and the time zone its periods are computed in. */
public record TeamBilling(UUID teamId, String billingEmail, String address, String timeZone) {

	static TeamBilling defaults(UUID teamId) {
		return new TeamBilling(teamId, null, "", "UTC");
	}

	java.time.ZoneId zone() {
		return java.time.ZoneId.of(this.timeZone);
	}

}
