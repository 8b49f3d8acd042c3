package com.aventian.portal.ops;

import java.util.List;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface SecretPointerMapper {

	void upsertPointer(@Param("name") String name, @Param("secretName") String secretName, @Param("version") String version,
			@Param("purpose") String purpose);

	List<SecretPointer> findPointers();

	record SecretPointer(String name, String secretName, String version, String purpose) {
	}

}
