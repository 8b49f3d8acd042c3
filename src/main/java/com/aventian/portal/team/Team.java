package com.aventian.portal.team;

import java.time.Instant;
import java.util.UUID;

public record Team(UUID id, String name, String slug, UUID createdBy, int version, Instant createdAt) {
}
