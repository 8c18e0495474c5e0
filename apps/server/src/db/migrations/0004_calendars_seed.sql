-- The two built-in business calendars (decision 0007). Values match agencyCalendarDefaults / alwaysCalendar
-- in platform/calendar/business-time.ts; existing rows (same code) are left as the administrators set them.
INSERT INTO "business_calendars" ("code", "name_ja", "name_en", "time_zone", "workdays", "hours", "japanese_holidays", "closures", "always")
VALUES
  ('agency', '機構標準カレンダー', 'Agency standard calendar', 'Asia/Tokyo', '{1,2,3,4,5}', '[{"start":"09:00","end":"17:45"}]'::jsonb, true,
   '[{"from":"12-29","to":"01-03","name":"年末年始"}]'::jsonb, false),
  ('24x7', '24時間365日', '24×7', 'Asia/Tokyo', '{1,2,3,4,5,6,7}', '[{"start":"00:00","end":"24:00"}]'::jsonb, false, '[]'::jsonb, true)
ON CONFLICT ("code") DO NOTHING;
