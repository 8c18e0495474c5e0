CREATE TABLE "backup_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"asset_id" uuid NOT NULL,
	"name" text NOT NULL,
	"software" text NOT NULL,
	"backup_type" text NOT NULL,
	"schedule" text NOT NULL,
	"weekdays" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"month_day" integer,
	"due_time" text NOT NULL,
	"due_day_offset" integer DEFAULT 1 NOT NULL,
	"retention_generations" integer NOT NULL,
	"destination" text NOT NULL,
	"restore_notes" text,
	"starts_on" date DEFAULT current_date NOT NULL,
	"reviewed_on" date,
	"active" boolean DEFAULT true NOT NULL,
	"mail_sender" text,
	"mail_subject_pattern" text,
	"mail_success_keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"mail_failure_keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "backup_jobs_type_check" CHECK ("backup_jobs"."backup_type" in ('full','incremental','differential')),
	CONSTRAINT "backup_jobs_schedule_check" CHECK ("backup_jobs"."schedule" in ('daily','weekdays','weekly','monthly')),
	CONSTRAINT "backup_jobs_month_day_check" CHECK ("backup_jobs"."month_day" is null or "backup_jobs"."month_day" between 1 and 31),
	CONSTRAINT "backup_jobs_due_time_check" CHECK ("backup_jobs"."due_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
	CONSTRAINT "backup_jobs_due_offset_check" CHECK ("backup_jobs"."due_day_offset" between 0 and 7),
	CONSTRAINT "backup_jobs_retention_check" CHECK ("backup_jobs"."retention_generations" >= 1)
);
--> statement-breakpoint
CREATE TABLE "backup_restore_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"job_id" uuid NOT NULL,
	"result_id" uuid,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"what" text NOT NULL,
	"restore_to" text,
	"status" text DEFAULT 'requested' NOT NULL,
	"done_at" timestamp with time zone,
	"result_notes" text,
	"note" text,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "backup_restore_requests_status_check" CHECK ("backup_restore_requests"."status" in ('requested','in_progress','done','cancelled')),
	CONSTRAINT "backup_restore_requests_done_check" CHECK ("backup_restore_requests"."status" <> 'done' or "backup_restore_requests"."done_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "backup_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"job_id" uuid NOT NULL,
	"run_date" date NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"size_bytes" bigint,
	"generation" text,
	"message" text,
	"source" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "backup_results_status_check" CHECK ("backup_results"."status" in ('success','warning','failed','missed')),
	CONSTRAINT "backup_results_source_check" CHECK ("backup_results"."source" in ('api','import','mail','sweep')),
	CONSTRAINT "backup_results_size_check" CHECK ("backup_results"."size_bytes" is null or "backup_results"."size_bytes" >= 0)
);
--> statement-breakpoint
CREATE TABLE "backup_triages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"result_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"isolation_notes" text,
	"staff_notified_at" timestamp with time zone,
	"vendor" text,
	"vendor_ticket_ref" text,
	"escalated_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "backup_triages_status_check" CHECK ("backup_triages"."status" in ('open','resolved'))
);
--> statement-breakpoint
ALTER TABLE "backup_jobs" ADD CONSTRAINT "backup_jobs_asset_id_hardware_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."hardware_assets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backup_restore_requests" ADD CONSTRAINT "backup_restore_requests_job_id_backup_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."backup_jobs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backup_restore_requests" ADD CONSTRAINT "backup_restore_requests_result_id_backup_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."backup_results"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backup_restore_requests" ADD CONSTRAINT "backup_restore_requests_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backup_results" ADD CONSTRAINT "backup_results_job_id_backup_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."backup_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "backup_triages" ADD CONSTRAINT "backup_triages_result_id_backup_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."backup_results"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "backup_jobs_asset_name_key" ON "backup_jobs" USING btree ("asset_id","name");--> statement-breakpoint
CREATE INDEX "backup_restore_requests_job_idx" ON "backup_restore_requests" USING btree ("job_id","requested_at");--> statement-breakpoint
CREATE UNIQUE INDEX "backup_results_job_run_key" ON "backup_results" USING btree ("job_id","run_date");--> statement-breakpoint
CREATE INDEX "backup_results_run_date_idx" ON "backup_results" USING btree ("run_date","status");--> statement-breakpoint
CREATE UNIQUE INDEX "backup_triages_result_key" ON "backup_triages" USING btree ("result_id");--> statement-breakpoint
CREATE INDEX "backup_triages_open_idx" ON "backup_triages" USING btree ("status");