package com.aventian.portal.rbac;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The role editor's matrix: the team's visible roles against the privileges they may hold, grouped by
 * product and resource type. Each role and each cell knows whether the viewer may change it and, if not,
 * why: the reason is shown in the cell.
 */
public record RoleMatrix(List<Column> roles, List<Group> groups) {

	public Cell cell(Column role, Row privilege) {
		boolean granted = role.privileges().contains(privilege.code());
		if (role.lockedBecause() != null) {
			return new Cell(granted, role.lockedBecause());
		}
		if (!privilege.viewerHolds()) {
			return new Cell(granted, "You do not hold " + privilege.code() + " yourself.");
		}
		return new Cell(granted, null);
	}

	public boolean isEmpty() {
		return this.roles.isEmpty();
	}

	/** A role; {@code lockedBecause} is null when the viewer may edit it. */
	public record Column(UUID id, String name, String description, boolean system, int version, String lockedBecause,
			Set<String> privileges) {

		public boolean editable() {
			return this.lockedBecause == null;
		}

	}

	/** The privileges of one product (null: the platform's) and one resource type (null: none). */
	public record Group(String product, String resourceType, List<Row> privileges) {

		public String title() {
			String owner = (this.product == null) ? "Platform" : this.product;
			return (this.resourceType == null) ? owner : owner + " · " + this.resourceType;
		}

	}

	public record Row(String code, String description, boolean viewerHolds) {
	}

	/** One role x privilege: granted or not, and why it cannot change (null when it can). */
	public record Cell(boolean granted, String lockedBecause) {

		public boolean editable() {
			return this.lockedBecause == null;
		}

	}

}
