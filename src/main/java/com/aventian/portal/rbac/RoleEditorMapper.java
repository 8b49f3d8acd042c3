package com.aventian.portal.rbac;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

/** The team's roles as the role editor reads and writes them; every statement names the team. */
@Mapper
interface RoleEditorMapper {

	/** Locks the team's row: changes of a team's roles and grants run one at a time. */
	Optional<UUID> lockTeam(UUID teamId);

	/** The team's visible roles (invisible system roles never reach a team page). */
	List<EditableRole> findRoles(UUID teamId);

	Optional<EditableRole> findRole(@Param("teamId") UUID teamId, @Param("roleId") UUID roleId);

	/** A row per (visible role, privilege code) of the team. */
	List<RolePrivilege> findRolePrivileges(UUID teamId);

	List<String> findRolePrivilegeCodes(@Param("teamId") UUID teamId, @Param("roleId") UUID roleId);

	/**
	 * The privileges a team's roles may hold: the platform's, those of products the team is associated
	 * with, and any a role of the team holds already; platform first, then by product and resource type.
	 */
	List<Privilege> findAvailablePrivileges(UUID teamId);

	Optional<Privilege> findAvailablePrivilege(@Param("teamId") UUID teamId, @Param("code") String code);

	/** Visible templates of the platform and of the products the team is associated with. */
	List<Template> findAvailableTemplates(UUID teamId);

	Optional<Template> findAvailableTemplate(@Param("teamId") UUID teamId, @Param("templateId") UUID templateId);

	List<String> findTemplatePrivilegeCodes(UUID templateId);

	boolean existsRoleNamed(@Param("teamId") UUID teamId, @Param("name") String name, @Param("exceptId") UUID exceptId);

	void insertRole(@Param("id") UUID id, @Param("teamId") UUID teamId, @Param("name") String name,
			@Param("description") String description);

	int insertRolePrivilegesOfTemplate(@Param("roleId") UUID roleId, @Param("templateId") UUID templateId);

	int insertRolePrivilegesOfRole(@Param("roleId") UUID roleId, @Param("sourceId") UUID sourceId);

	int insertRolePrivilege(@Param("roleId") UUID roleId, @Param("privilegeId") UUID privilegeId);

	int deleteRolePrivilege(@Param("roleId") UUID roleId, @Param("privilegeId") UUID privilegeId);

	/** Moves the role to its next version if it is still at {@code version}; 0 means it changed meanwhile. */
	int updateRoleVersion(@Param("teamId") UUID teamId, @Param("roleId") UUID roleId, @Param("version") int version);

	int updateRoleName(@Param("teamId") UUID teamId, @Param("roleId") UUID roleId, @Param("name") String name,
			@Param("version") int version);

	int updateRoleDescription(@Param("teamId") UUID teamId, @Param("roleId") UUID roleId,
			@Param("description") String description, @Param("version") int version);

	int deleteRole(@Param("teamId") UUID teamId, @Param("roleId") UUID roleId, @Param("version") int version);

	/** Every grant of the role: who holds it, team-wide or on which resource. */
	List<Holding> findHoldings(@Param("teamId") UUID teamId, @Param("roleId") UUID roleId);

	int countPendingInvitations(@Param("teamId") UUID teamId, @Param("roleId") UUID roleId);

	/**
	 * The grants of the role through which their member would lose the privilege: no other grant of the
	 * member gives it team-wide or on the same resource.
	 */
	List<Holding> findLosses(@Param("teamId") UUID teamId, @Param("roleId") UUID roleId,
			@Param("privilegeId") UUID privilegeId);

	/** Members holding the privilege through a team-wide grant. */
	int countTeamWideHolders(@Param("teamId") UUID teamId, @Param("code") String code);

	/** The team's members by name, for the editor's pickers. */
	List<EditorChoices.Member> findMembers(UUID teamId);

	/** The resource instances the team registered, for narrowing a grant or a "why?" question. */
	List<EditorChoices.Resource> findResources(UUID teamId);

	/** A role of the team as the editor shows it. */
	record EditableRole(UUID id, String name, String description, boolean system, boolean creatorDefault,
			boolean invitationDefault, int version) {
	}

	record RolePrivilege(UUID roleId, String code) {
	}

	/** A privilege with its product (null for the platform) and the resource type it applies to, if any. */
	record Privilege(UUID id, String code, String description, String productCode, String productName,
			String resourceType) {
	}

	record Template(UUID id, String name, String description, String productName) {
	}

	/** A member's grant of a role; {@code resourceId} null means team-wide. */
	record Holding(UUID userId, String displayName, UUID resourceId, String resourceType, String resourceName) {
	}

}
