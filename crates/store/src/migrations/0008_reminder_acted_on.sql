-- Version 8: the shop's day an answer to a reminder was given, so that Today can say "7 of 10
-- done today" by the shop's calendar (acted_at is the moment, in UTC). Older answers have none.
ALTER TABLE reminder_action ADD COLUMN acted_on TEXT;
CREATE INDEX reminder_action_by_day ON reminder_action (acted_on) WHERE acted_on IS NOT NULL;
