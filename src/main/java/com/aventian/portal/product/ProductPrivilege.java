package com.aventian.portal.product;

import java.util.UUID;

/** A privilege of a product, or of the platform ({@code productId} null); {@code holders}: roles and templates holding it. */
public record ProductPrivilege(UUID id, UUID productId, String code, String description, String resourceType, long holders) {

}
