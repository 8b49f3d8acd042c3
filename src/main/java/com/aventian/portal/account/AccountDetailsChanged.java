package com.aventian.portal.account;

import java.util.UUID;

/**
 * An account's display name or e-mail address changed, published inside the changing transaction: whatever
 * holds answers naming the person (their cached privileges, which the products' API answers from) must not
 * outlive it.
 */
public record AccountDetailsChanged(UUID userId) {
}
