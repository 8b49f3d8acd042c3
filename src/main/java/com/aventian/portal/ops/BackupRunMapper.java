package com.aventian.portal.ops;

import java.time.Instant;
import java.util.Optional;

import org.apache.ibatis.annotations.Mapper;

@Mapper
interface BackupRunMapper {

	Optional<Instant> findLastFinishedAt();

}
