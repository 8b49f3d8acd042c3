package com.aventian.portal.ops;

import java.util.List;

import org.apache.ibatis.annotations.Mapper;

@Mapper
interface TableSizeMapper {

	List<TableSizes.TableSize> findTableSizes();

}
