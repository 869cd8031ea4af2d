-- Which replica of tool-integration ran the tool (its BERRYS_INSTANCE_ID); older rows have none.
ALTER TABLE tool_execution ADD COLUMN handled_by text;
