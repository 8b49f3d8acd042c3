package com.aventian.portal.provisioning;

import java.util.UUID;

/**
 * Another worker holds the subscription's lock (provisioning it, or dropping its former database). The run
 * fails rather than returning, so the durable job is tried again later instead of ending with nothing done.
 */
class SubscriptionBusyException extends RuntimeException {

	SubscriptionBusyException(UUID subscriptionId) {
		super("Subscription " + subscriptionId + " is busy with another worker; its job is tried again later");
	}

}
