package com.aventian.portal.team;

import java.util.UUID;

/** A team got a new name (and version); published inside the renaming transaction. */
public record TeamRenamed(UUID teamId) {
}
