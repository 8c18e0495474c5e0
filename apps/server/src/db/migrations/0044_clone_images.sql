CREATE TABLE "clone_image_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"image_id" uuid NOT NULL,
	"updated_on" date NOT NULL,
	"image_version" text NOT NULL,
	"patches" text[] DEFAULT '{}'::text[] NOT NULL,
	"patch_plan_id" uuid,
	"operator_id" uuid,
	"tested" boolean DEFAULT false NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clone_images" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"model" text NOT NULL,
	"os" text NOT NULL,
	"software_set" text NOT NULL,
	"kind" text NOT NULL,
	"site_id" uuid,
	"storage_location" text,
	"current_version" text,
	"last_updated_on" date,
	"active" boolean DEFAULT true NOT NULL,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cloneimages_kind_check" CHECK ("clone_images"."kind" in ('physical','virtual'))
);
--> statement-breakpoint
ALTER TABLE "clone_image_updates" ADD CONSTRAINT "clone_image_updates_image_id_clone_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."clone_images"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clone_image_updates" ADD CONSTRAINT "clone_image_updates_patch_plan_id_patch_plans_id_fk" FOREIGN KEY ("patch_plan_id") REFERENCES "public"."patch_plans"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clone_image_updates" ADD CONSTRAINT "clone_image_updates_operator_id_users_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clone_images" ADD CONSTRAINT "clone_images_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clone_image_updates_image_idx" ON "clone_image_updates" USING btree ("image_id","updated_on");--> statement-breakpoint
CREATE UNIQUE INDEX "cloneimages_code_key" ON "clone_images" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "cloneimages_model_key" ON "clone_images" USING btree ("model","os","software_set") WHERE "clone_images"."active";--> statement-breakpoint
CREATE INDEX "clone_images_site_idx" ON "clone_images" USING btree ("site_id");