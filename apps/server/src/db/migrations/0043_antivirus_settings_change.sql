ALTER TABLE "antivirus_work_records" DROP CONSTRAINT "avwork_kind_check";--> statement-breakpoint
ALTER TABLE "antivirus_work_records" DROP CONSTRAINT "avwork_device_id_check";--> statement-breakpoint
ALTER TABLE "antivirus_work_records" ADD COLUMN "setting" text;--> statement-breakpoint
ALTER TABLE "antivirus_work_records" ADD COLUMN "value_before" text;--> statement-breakpoint
ALTER TABLE "antivirus_work_records" ADD COLUMN "value_after" text;--> statement-breakpoint
ALTER TABLE "antivirus_work_records" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "antivirus_work_records" ADD COLUMN "approval_ref" text;--> statement-breakpoint
ALTER TABLE "antivirus_work_records" ADD CONSTRAINT "avwork_setting_check" CHECK ("antivirus_work_records"."kind" <> 'settings_change' or "antivirus_work_records"."setting" is not null);--> statement-breakpoint
ALTER TABLE "antivirus_work_records" ADD CONSTRAINT "avwork_kind_check" CHECK ("antivirus_work_records"."kind" in ('definition_update','engine_upgrade','product_upgrade','patch','distribution','settings_change'));--> statement-breakpoint
ALTER TABLE "antivirus_work_records" ADD CONSTRAINT "avwork_device_id_check" CHECK ("antivirus_work_records"."kind" = 'distribution' or "antivirus_work_records"."device_id" is not null or ("antivirus_work_records"."kind" = 'settings_change' and "antivirus_work_records"."target_group" is not null));