CREATE TABLE "software_stocktake_checks" (
	"stocktake_id" uuid NOT NULL,
	"media_id" uuid NOT NULL,
	"result" text NOT NULL,
	"note" text,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"checked_by" text NOT NULL,
	CONSTRAINT "software_stocktake_checks_stocktake_id_media_id_pk" PRIMARY KEY("stocktake_id","media_id"),
	CONSTRAINT "software_stocktake_checks_result_check" CHECK ("software_stocktake_checks"."result" in ('present','missing'))
);
--> statement-breakpoint
CREATE TABLE "software_stocktakes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	"snapshot" jsonb,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "software_stocktakes_status_check" CHECK ("software_stocktakes"."status" in ('open','closed'))
);
--> statement-breakpoint
ALTER TABLE "software_stocktake_checks" ADD CONSTRAINT "software_stocktake_checks_stocktake_id_software_stocktakes_id_fk" FOREIGN KEY ("stocktake_id") REFERENCES "public"."software_stocktakes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "software_stocktake_checks" ADD CONSTRAINT "software_stocktake_checks_media_id_software_media_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."software_media"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "software_stocktakes_year_idx" ON "software_stocktakes" USING btree ("fiscal_year");