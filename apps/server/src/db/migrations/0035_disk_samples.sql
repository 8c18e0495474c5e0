CREATE TABLE "disk_samples" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"target_id" uuid,
	"host" text NOT NULL,
	"mount" text NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"size_bytes" bigint NOT NULL,
	"used_bytes" bigint NOT NULL,
	"level" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disk_samples_level_check" CHECK ("disk_samples"."level" in ('ok','warning','critical'))
);
--> statement-breakpoint
ALTER TABLE "disk_samples" ADD CONSTRAINT "disk_samples_target_id_monitoring_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."monitoring_targets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disk_samples_volume_idx" ON "disk_samples" USING btree ("host","mount","reported_at");--> statement-breakpoint
CREATE INDEX "disk_samples_reported_idx" ON "disk_samples" USING btree ("reported_at");