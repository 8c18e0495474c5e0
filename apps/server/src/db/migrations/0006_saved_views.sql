CREATE TABLE "saved_views" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"ledger" text NOT NULL,
	"name" text NOT NULL,
	"state" jsonb NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "saved_views_user_ledger_name_key" ON "saved_views" USING btree ("user_id","ledger","name");--> statement-breakpoint
CREATE UNIQUE INDEX "saved_views_one_default_key" ON "saved_views" USING btree ("user_id","ledger") WHERE "saved_views"."is_default";