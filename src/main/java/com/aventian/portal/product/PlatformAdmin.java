package com.aventian.portal.product;

import java.util.UUID;

/** Who makes a change on the platform admin pages, for the audit trail. */
public record PlatformAdmin(UUID userId, String email) {

}
