CREATE TABLE "business_calendars" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_ja" text NOT NULL,
	"name_en" text NOT NULL,
	"time_zone" text DEFAULT 'Asia/Tokyo' NOT NULL,
	"workdays" integer[] DEFAULT '{1,2,3,4,5}' NOT NULL,
	"hours" jsonb NOT NULL,
	"japanese_holidays" boolean DEFAULT false NOT NULL,
	"closures" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"always" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendars_workdays_check" CHECK ("business_calendars"."workdays" <@ array[1,2,3,4,5,6,7]),
	CONSTRAINT "calendars_hours_check" CHECK (jsonb_typeof("business_calendars"."hours") = 'array'),
	CONSTRAINT "calendars_closures_check" CHECK (jsonb_typeof("business_calendars"."closures") = 'array')
);
--> statement-breakpoint
CREATE TABLE "calendar_holidays" (
	"calendar_id" uuid NOT NULL,
	"date" date NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_holidays_pkey" PRIMARY KEY("calendar_id","date")
);
--> statement-breakpoint
CREATE TABLE "site_calendars" (
	"site_id" uuid PRIMARY KEY NOT NULL,
	"calendar_id" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calendar_holidays" ADD CONSTRAINT "calendar_holidays_calendar_id_business_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."business_calendars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_calendars" ADD CONSTRAINT "site_calendars_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_calendars" ADD CONSTRAINT "site_calendars_calendar_id_business_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."business_calendars"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendars_code_key" ON "business_calendars" USING btree ("code");--> statement-breakpoint
CREATE INDEX "site_calendars_calendar_idx" ON "site_calendars" USING btree ("calendar_id");