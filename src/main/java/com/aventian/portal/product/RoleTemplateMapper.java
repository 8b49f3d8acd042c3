package com.aventian.portal.product;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface RoleTemplateMapper {

	List<RoleTemplate> findTemplates(@Param("productId") UUID productId);

	Optional<RoleTemplate> findTemplate(UUID id);

	Optional<RoleTemplate> findTemplateForUpdate(UUID id);

	List<String> findTemplatePrivilegeCodes(UUID templateId);

	boolean existsTemplateName(@Param("productId") UUID productId, @Param("name") String name, @Param("exceptId") UUID exceptId);

	void insertTemplate(RoleTemplate template);

	int updateTemplate(RoleTemplate template);

	void clearCreatorDefault(UUID exceptId);

	void clearInvitationDefault(UUID exceptId);

	void deleteTemplate(UUID id);

	void deleteTemplatePrivileges(UUID templateId);

	void insertTemplatePrivileges(@Param("templateId") UUID templateId, @Param("privilegeIds") List<UUID> privilegeIds);

	/** The privileges a template of this product (null: the platform's) may hold, by id, of the ids asked for. */
	List<UUID> findPrivilegeIdsOfProduct(@Param("productId") UUID productId, @Param("ids") List<UUID> ids);

	/** Templates of the product no role of the team was copied from yet. */
	/** The team's owners' role ({@code creator_default}): its id and privilege codes, for the audit. */
	Optional<UUID> findOwnerRole(UUID teamId);

	/** Gives the team's owners' role every privilege of the product it lacks; how many were added. */
	int grantProductToOwnerRole(@Param("teamId") UUID teamId, @Param("productId") UUID productId);

	List<RoleTemplate> findTemplatesMissingInTeam(@Param("teamId") UUID teamId, @Param("productId") UUID productId);

	boolean existsRoleName(@Param("teamId") UUID teamId, @Param("name") String name);

	void insertRoleFromTemplate(@Param("roleId") UUID roleId, @Param("teamId") UUID teamId,
			@Param("templateId") UUID templateId, @Param("name") String name);

	void insertRolePrivilegesFromTemplate(@Param("roleId") UUID roleId, @Param("templateId") UUID templateId);

	List<TemplateCopy> findCopies(UUID templateId);

	List<CodeOfRole> findPrivilegeCodesOfCopies(UUID templateId);

	List<HolderOfRole> findHoldersOfCopies(UUID templateId);

	Boolean lockTeam(UUID teamId);

	Optional<TemplateCopy> findCopy(@Param("templateId") UUID templateId, @Param("roleId") UUID roleId);

	List<String> findRolePrivilegeCodes(UUID roleId);

	void deleteRolePrivilegesNotInTemplate(@Param("roleId") UUID roleId, @Param("templateId") UUID templateId);

	void insertMissingRolePrivileges(@Param("roleId") UUID roleId, @Param("templateId") UUID templateId);

	void updateRoleVersion(UUID roleId);

	/** A team's role made from a template. */
	record TemplateCopy(UUID roleId, String roleName, UUID teamId, String teamName) {
	}

	record CodeOfRole(UUID roleId, String code) {
	}

	record HolderOfRole(UUID roleId, UUID userId, String displayName) {
	}

}
