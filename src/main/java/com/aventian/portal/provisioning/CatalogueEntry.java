package com.aventian.portal.provisioning;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** One product on a team's products page, with the team's subscription to it if any. Never a credential. */
public record CatalogueEntry(UUID productId, String code, String name, String description, String dashboardUrl,
		UUID subscriptionId, String status, int stepsDone, String failureReason, Instant dropAfter, boolean dropped) {

	public static final int STEPS = ProvisioningStep.values().length;

	private static final DateTimeFormatter KEPT_UNTIL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

	public boolean subscribed() {
		return this.status != null && !dropped;
	}

	public boolean provisioning() {
		return Subscription.PROVISIONING.equals(this.status);
	}

	public boolean active() {
		return Subscription.ACTIVE.equals(this.status);
	}

	public boolean failed() {
		return Subscription.FAILED.equals(this.status);
	}

	public boolean cancelled() {
		return Subscription.CANCELLED.equals(this.status);
	}

	/** When a cancelled subscription's database goes, in UTC, to the minute. */
	public String keptUntil() {
		return (this.dropAfter == null) ? "" : KEPT_UNTIL.format(this.dropAfter);
	}

	/** Progress of a provisioning run in percent, for the progress bar. */
	public int percent() {
		return Math.min(100, this.stepsDone * 100 / STEPS);
	}

}
