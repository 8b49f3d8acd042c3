package com.aventian.portal.rbac;

import java.util.UUID;

/** A role the editor just made. */
public record CreatedRole(UUID id, String name) {
}
