/**
 * Records of the synchronous APIs that more than one service calls: the OpenAI-compatible chat
 * completion (agents, planner and result synthesis call model-orchestration with it), the plan proposal
 * a planning model returns, and tool execution.
 */
@NullMarked
package dev.berrys.contracts.api;

import org.jspecify.annotations.NullMarked;
