package com.aventian.portal.billing;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface PlanMapper {

	List<Plan> findPlans();

	/** The versions on offer of a product's plans, cheapest first. */
	List<Plan> findOfferedPlans();

	Optional<Plan> findPlanById(UUID id);

	/** Locks the plan's row: a new version and a subscription to the old one never cross. */
	Optional<Plan> findPlanByIdForUpdate(UUID id);

	List<ProductRef> findProducts();

	boolean existsProduct(UUID productId);

	boolean existsPlanCode(@Param("productId") UUID productId, @Param("code") String code);

	void insertPlan(@Param("id") UUID id, @Param("form") CheckedPlan plan, @Param("version") int version);

	void updatePlanOffered(@Param("id") UUID id, @Param("offered") boolean offered);

	void updatePlanTerms(@Param("id") UUID id, @Param("plan") CheckedPlan plan);

	/** A product a plan may belong to. */
	record ProductRef(UUID id, String name) {
	}

}
