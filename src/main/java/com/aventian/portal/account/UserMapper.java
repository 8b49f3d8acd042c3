package com.aventian.portal.account;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
public interface UserMapper {

	Optional<User> findUserById(UUID id);

	Optional<User> findUserByEmail(String email);

	Optional<User> findUserByIdentity(@Param("issuer") String issuer, @Param("subject") String subject);

	void insertUser(User user);

	void insertIdentity(Identity identity);

	int updatePlatformAdmin(@Param("id") UUID id, @Param("platformAdmin") boolean platformAdmin,
			@Param("updatedAt") Instant updatedAt);

	int updateEmailVerified(@Param("id") UUID id, @Param("verifiedAt") Instant verifiedAt,
			@Param("updatedAt") Instant updatedAt);

	int updatePasswordHash(@Param("id") UUID id, @Param("passwordHash") String passwordHash,
			@Param("updatedAt") Instant updatedAt);

}
