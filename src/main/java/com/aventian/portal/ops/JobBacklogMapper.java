package com.aventian.portal.ops;

import java.time.Instant;

import org.apache.ibatis.annotations.Mapper;

@Mapper
interface JobBacklogMapper {

	JobBacklog.Counts findBacklog(Instant now);

}
