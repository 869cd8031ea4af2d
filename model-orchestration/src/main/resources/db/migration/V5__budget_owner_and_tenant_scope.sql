-- Who set a budget's limits (ADMIN or OPERATOR; null: learnt from the project's events), so that an operator
-- cannot raise what an admin set. A row with the nil project id is the tenant's own budget, which every call
-- of the tenant counts against; a call then holds a reservation on the tenant's row and on its project's.
ALTER TABLE budget ADD COLUMN set_by_role text;

ALTER TABLE budget_reservation DROP CONSTRAINT budget_reservation_pkey;
ALTER TABLE budget_reservation ADD PRIMARY KEY (call_id, project_id);
