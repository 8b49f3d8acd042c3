package com.aventian.portal.account;

import java.time.Instant;
import java.util.UUID;

/** An external sign-in linked to a user, known by issuer and subject, never by e-mail alone. */
public record Identity(UUID id, UUID userId, String issuer, String subject, String email, Instant linkedAt) {
}
