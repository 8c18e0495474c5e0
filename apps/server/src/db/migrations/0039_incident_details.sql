ALTER TABLE "incidents" ADD COLUMN "stage" text DEFAULT 'failure' NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "isolation" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "owner_department" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_stage_check" CHECK ("incidents"."stage" in ('sign','failure'));--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_isolation_check" CHECK ("incidents"."isolation" is null or "incidents"."isolation" in ('user_side','service_side'));