package com.aventian.portal.account;

import java.util.UUID;

/**
 * An account was disabled or enabled, published inside the changing transaction: whatever holds
 * answers about the person (their cached privileges) must not outlive it.
 */
public record AccountStatusChanged(UUID userId) {
}
