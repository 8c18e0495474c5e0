CREATE TABLE "agent_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "asset_damage_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"asset_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"place" text,
	"circumstances" text NOT NULL,
	"person_id" uuid,
	"user_notified_at" timestamp with time zone,
	"notice_mail_id" uuid,
	"reported_to_staff_at" timestamp with time zone,
	"user_report_received_at" timestamp with time zone,
	"supervisor_flag" boolean DEFAULT true NOT NULL,
	"notes" text,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "damage_kind_check" CHECK ("asset_damage_reports"."kind" in ('theft','loss','damage'))
);
--> statement-breakpoint
CREATE TABLE "asset_findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"asset_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" text DEFAULT '' NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"reason" text,
	"first_detected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_detected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "findings_kind_check" CHECK ("asset_findings"."kind" in ('user_retired','user_transferred','user_department_mismatch','no_user','no_purpose','duplicate_serial','duplicate_mac','agent_stale')),
	CONSTRAINT "findings_status_check" CHECK ("asset_findings"."status" in ('open','resolved','acknowledged'))
);
--> statement-breakpoint
CREATE TABLE "asset_movements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"asset_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"moved_on" date NOT NULL,
	"from_site_id" uuid,
	"from_location" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"to_site_id" uuid,
	"to_location" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"from_user_id" uuid,
	"to_user_id" uuid,
	"request_ref" text,
	"note" text,
	"operator_id" uuid,
	"operator_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "movements_kind_check" CHECK ("asset_movements"."kind" in ('install','move','collect','return_to_stock','ship_overseas'))
);
--> statement-breakpoint
CREATE TABLE "asset_ports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"asset_id" uuid NOT NULL,
	"port" text NOT NULL,
	"vlan" text,
	"connected_asset_id" uuid,
	"description" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "asset_repairs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"asset_id" uuid NOT NULL,
	"reported_on" date NOT NULL,
	"symptom" text NOT NULL,
	"vendor" text,
	"action" text,
	"cost_yen" bigint,
	"sent_on" date,
	"returned_on" date,
	"created_by_id" uuid,
	"created_by_label" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "repairs_cost_yen_check" CHECK ("asset_repairs"."cost_yen" is null or "asset_repairs"."cost_yen" >= 0),
	CONSTRAINT "repairs_returned_on_check" CHECK ("asset_repairs"."returned_on" is null or "asset_repairs"."returned_on" >= "asset_repairs"."reported_on")
);
--> statement-breakpoint
CREATE TABLE "asset_software" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"asset_id" uuid NOT NULL,
	"name" text NOT NULL,
	"version" text DEFAULT '' NOT NULL,
	"arch" text DEFAULT '' NOT NULL,
	"publisher" text,
	"source" text,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "asset_work_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"asset_id" uuid NOT NULL,
	"performed_at" timestamp with time zone NOT NULL,
	"content" text NOT NULL,
	"worker" text NOT NULL,
	"request_ref" text,
	"source" text DEFAULT 'manual' NOT NULL,
	"created_by_id" uuid,
	"created_by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hardware_asset_macs" (
	"mac" text NOT NULL,
	"asset_id" uuid NOT NULL,
	CONSTRAINT "assets_mac_addresses_key" PRIMARY KEY("mac")
);
--> statement-breakpoint
CREATE TABLE "hardware_assets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"asset_number" text NOT NULL,
	"ledger" text NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"manufacturer" text,
	"model" text,
	"serial_number" text,
	"site_id" uuid NOT NULL,
	"building" text,
	"floor" text,
	"room" text,
	"rack" text,
	"department_id" uuid,
	"user_id" uuid,
	"purpose" text,
	"ip_addresses" text[] DEFAULT '{}'::text[] NOT NULL,
	"mac_addresses" text[] DEFAULT '{}'::text[] NOT NULL,
	"napt" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"os_name" text,
	"os_version" text,
	"status" text DEFAULT 'in_use' NOT NULL,
	"acquisition" text,
	"purchase_date" date,
	"price_yen" bigint,
	"lease_end" date,
	"vendor" text,
	"maintenance_contract" text,
	"warranty_end" date,
	"parent_id" uuid,
	"guidance_sent_on" date,
	"entra_registered_on" date,
	"intune_registered_on" date,
	"standard_software_checked_on" date,
	"notes" text,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"draft" boolean DEFAULT false NOT NULL,
	"agent_device_id" text,
	"bios_uuid" text,
	"last_inventory_at" timestamp with time zone,
	"inventory_facts" jsonb,
	"search_text" text DEFAULT '' NOT NULL,
	"user_name" text DEFAULT '' NOT NULL,
	"location_sort" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assets_ledger_check" CHECK ("hardware_assets"."ledger" in ('domestic','overseas')),
	CONSTRAINT "assets_category_check" CHECK ("hardware_assets"."category" in ('desktop_pc','notebook_pc','virtual_pc','server','virtual_server','storage','switch','router','firewall','wireless_ap','ip_phone','printer','mfp','ups','monitor','peripheral','mobile_device','external_storage','other')),
	CONSTRAINT "assets_status_check" CHECK ("hardware_assets"."status" in ('in_use','stock','on_loan','in_repair','retired','disposed','lost')),
	CONSTRAINT "assets_acquisition_check" CHECK ("hardware_assets"."acquisition" is null or "hardware_assets"."acquisition" in ('purchase','lease','rental')),
	CONSTRAINT "assets_price_yen_check" CHECK ("hardware_assets"."price_yen" is null or "hardware_assets"."price_yen" >= 0),
	CONSTRAINT "assets_parent_id_check" CHECK ("hardware_assets"."parent_id" is null or "hardware_assets"."parent_id" <> "hardware_assets"."id")
);
--> statement-breakpoint
CREATE TABLE "stocktake_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"stocktake_id" uuid NOT NULL,
	"asset_id" uuid,
	"asset_number" text NOT NULL,
	"expected_site_id" uuid,
	"expected_location" jsonb,
	"expected_name" text,
	"result" text DEFAULT 'pending' NOT NULL,
	"actual_site_id" uuid,
	"actual_location" jsonb,
	"method" text,
	"note" text,
	"checked_at" timestamp with time zone,
	"checked_by" text,
	"applied_at" timestamp with time zone,
	CONSTRAINT "stocktake_items_result_check" CHECK ("stocktake_items"."result" in ('pending','found','found_elsewhere','missing','unexpected')),
	CONSTRAINT "stocktake_items_method_check" CHECK ("stocktake_items"."method" is null or "stocktake_items"."method" in ('scan','typed','remote','phone','mail'))
);
--> statement-breakpoint
CREATE TABLE "stocktake_sites" (
	"stocktake_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"token_hash" text,
	"token_expires_at" timestamp with time zone,
	"mailed_to" text,
	"mailed_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"answered_by" text,
	CONSTRAINT "stocktake_sites_pkey" PRIMARY KEY("stocktake_id","site_id")
);
--> statement-breakpoint
CREATE TABLE "stocktakes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"mode" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"due_on" date NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"note" text,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stocktakes_mode_check" CHECK ("stocktakes"."mode" in ('visual','remote')),
	CONSTRAINT "stocktakes_status_check" CHECK ("stocktakes"."status" in ('open','closed','cancelled'))
);
--> statement-breakpoint
ALTER TABLE "agent_tokens" ADD CONSTRAINT "agent_tokens_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_damage_reports" ADD CONSTRAINT "asset_damage_reports_asset_id_hardware_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."hardware_assets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_damage_reports" ADD CONSTRAINT "asset_damage_reports_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_damage_reports" ADD CONSTRAINT "asset_damage_reports_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_findings" ADD CONSTRAINT "asset_findings_asset_id_hardware_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."hardware_assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_findings" ADD CONSTRAINT "asset_findings_closed_by_id_users_id_fk" FOREIGN KEY ("closed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_movements" ADD CONSTRAINT "asset_movements_asset_id_hardware_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."hardware_assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_movements" ADD CONSTRAINT "asset_movements_from_site_id_sites_id_fk" FOREIGN KEY ("from_site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_movements" ADD CONSTRAINT "asset_movements_to_site_id_sites_id_fk" FOREIGN KEY ("to_site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_movements" ADD CONSTRAINT "asset_movements_from_user_id_people_id_fk" FOREIGN KEY ("from_user_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_movements" ADD CONSTRAINT "asset_movements_to_user_id_people_id_fk" FOREIGN KEY ("to_user_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_movements" ADD CONSTRAINT "asset_movements_operator_id_users_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_ports" ADD CONSTRAINT "asset_ports_asset_id_hardware_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."hardware_assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_ports" ADD CONSTRAINT "asset_ports_connected_asset_id_hardware_assets_id_fk" FOREIGN KEY ("connected_asset_id") REFERENCES "public"."hardware_assets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_repairs" ADD CONSTRAINT "asset_repairs_asset_id_hardware_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."hardware_assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_repairs" ADD CONSTRAINT "asset_repairs_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_software" ADD CONSTRAINT "asset_software_asset_id_hardware_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."hardware_assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_work_logs" ADD CONSTRAINT "asset_work_logs_asset_id_hardware_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."hardware_assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "asset_work_logs" ADD CONSTRAINT "asset_work_logs_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardware_asset_macs" ADD CONSTRAINT "hardware_asset_macs_asset_id_hardware_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."hardware_assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardware_assets" ADD CONSTRAINT "hardware_assets_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardware_assets" ADD CONSTRAINT "hardware_assets_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardware_assets" ADD CONSTRAINT "hardware_assets_user_id_people_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hardware_assets" ADD CONSTRAINT "assets_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."hardware_assets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stocktake_items" ADD CONSTRAINT "stocktake_items_stocktake_id_stocktakes_id_fk" FOREIGN KEY ("stocktake_id") REFERENCES "public"."stocktakes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stocktake_items" ADD CONSTRAINT "stocktake_items_asset_id_hardware_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."hardware_assets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stocktake_items" ADD CONSTRAINT "stocktake_items_expected_site_id_sites_id_fk" FOREIGN KEY ("expected_site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stocktake_items" ADD CONSTRAINT "stocktake_items_actual_site_id_sites_id_fk" FOREIGN KEY ("actual_site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stocktake_sites" ADD CONSTRAINT "stocktake_sites_stocktake_id_stocktakes_id_fk" FOREIGN KEY ("stocktake_id") REFERENCES "public"."stocktakes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stocktake_sites" ADD CONSTRAINT "stocktake_sites_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stocktakes" ADD CONSTRAINT "stocktakes_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agent_tokens_hash_key" ON "agent_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "asset_damage_reports_asset_idx" ON "asset_damage_reports" USING btree ("asset_id");--> statement-breakpoint
CREATE UNIQUE INDEX "findings_kind_key" ON "asset_findings" USING btree ("asset_id","kind","key");--> statement-breakpoint
CREATE INDEX "asset_findings_status_idx" ON "asset_findings" USING btree ("status","kind");--> statement-breakpoint
CREATE INDEX "asset_movements_asset_idx" ON "asset_movements" USING btree ("asset_id","moved_on");--> statement-breakpoint
CREATE UNIQUE INDEX "ports_port_key" ON "asset_ports" USING btree ("asset_id","port");--> statement-breakpoint
CREATE INDEX "asset_repairs_asset_idx" ON "asset_repairs" USING btree ("asset_id","reported_on");--> statement-breakpoint
CREATE UNIQUE INDEX "asset_software_key" ON "asset_software" USING btree ("asset_id","name","version","arch");--> statement-breakpoint
CREATE INDEX "asset_software_name_idx" ON "asset_software" USING btree ("name");--> statement-breakpoint
CREATE INDEX "asset_work_logs_asset_idx" ON "asset_work_logs" USING btree ("asset_id","performed_at");--> statement-breakpoint
CREATE INDEX "hardware_asset_macs_asset_idx" ON "hardware_asset_macs" USING btree ("asset_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assets_asset_number_key" ON "hardware_assets" USING btree ("asset_number");--> statement-breakpoint
CREATE UNIQUE INDEX "assets_agent_device_id_key" ON "hardware_assets" USING btree ("agent_device_id");--> statement-breakpoint
CREATE INDEX "assets_site_idx" ON "hardware_assets" USING btree ("site_id","asset_number");--> statement-breakpoint
CREATE INDEX "assets_user_idx" ON "hardware_assets" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "assets_department_idx" ON "hardware_assets" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "assets_parent_idx" ON "hardware_assets" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "assets_serial_idx" ON "hardware_assets" USING btree (lower("serial_number"));--> statement-breakpoint
CREATE INDEX "assets_bios_uuid_idx" ON "hardware_assets" USING btree ("bios_uuid");--> statement-breakpoint
CREATE INDEX "assets_name_idx" ON "hardware_assets" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "assets_name_sort_idx" ON "hardware_assets" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "assets_user_name_idx" ON "hardware_assets" USING btree ("user_name","id");--> statement-breakpoint
CREATE INDEX "assets_location_idx" ON "hardware_assets" USING btree ("location_sort","id");--> statement-breakpoint
CREATE INDEX "assets_ledger_location_idx" ON "hardware_assets" USING btree ("ledger","location_sort","id");--> statement-breakpoint
CREATE INDEX "assets_category_sort_idx" ON "hardware_assets" USING btree ("category","id");--> statement-breakpoint
CREATE INDEX "assets_status_sort_idx" ON "hardware_assets" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "assets_category_idx" ON "hardware_assets" USING btree ("category","asset_number");--> statement-breakpoint
CREATE INDEX "assets_status_idx" ON "hardware_assets" USING btree ("status","asset_number");--> statement-breakpoint
CREATE INDEX "assets_ledger_idx" ON "hardware_assets" USING btree ("ledger","asset_number");--> statement-breakpoint
CREATE INDEX "assets_updated_idx" ON "hardware_assets" USING btree ("updated_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "stocktake_items_asset_number_key" ON "stocktake_items" USING btree ("stocktake_id","asset_number");--> statement-breakpoint
CREATE INDEX "stocktake_items_site_idx" ON "stocktake_items" USING btree ("stocktake_id","expected_site_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stocktake_sites_token_key" ON "stocktake_sites" USING btree ("token_hash");--> statement-breakpoint
-- The list's free-text search and sort keys: trigger-maintained columns (array_to_string is not immutable, and
-- the user's name lives in people), so they can be indexed.
CREATE FUNCTION hardware_assets_derived() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.user_id IS DISTINCT FROM OLD.user_id THEN
    NEW.user_name := coalesce((SELECT name_kanji FROM people WHERE id = NEW.user_id), '');
  END IF;
  NEW.location_sort := concat_ws(' ', NEW.building, NEW.floor, NEW.room, NEW.rack);
  NEW.search_text := concat_ws(' ', NEW.asset_number, NEW.name, NEW.serial_number, NEW.manufacturer, NEW.model,
    NEW.building, NEW.floor, NEW.room, NEW.rack, NEW.purpose, NEW.os_name, nullif(NEW.user_name, ''),
    array_to_string(NEW.ip_addresses, ' '), array_to_string(NEW.mac_addresses, ' '));
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER hardware_assets_derived BEFORE INSERT OR UPDATE ON hardware_assets
  FOR EACH ROW EXECUTE FUNCTION hardware_assets_derived();--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "assets_search_trgm_idx" ON "hardware_assets" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
-- A MAC may be active on one asset only: active assets' MACs live in hardware_asset_macs, whose primary key
-- (assets_mac_addresses_key) rejects the second one, whichever path (API, import, agent) writes the asset.
CREATE FUNCTION hardware_assets_sync_macs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.mac_addresses IS NOT DISTINCT FROM OLD.mac_addresses AND NEW.status IS NOT DISTINCT FROM OLD.status THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM hardware_asset_macs WHERE asset_id = NEW.id;
  END IF;
  IF NEW.status NOT IN ('retired', 'disposed', 'lost') THEN
    INSERT INTO hardware_asset_macs (mac, asset_id) SELECT DISTINCT m, NEW.id FROM unnest(NEW.mac_addresses) AS m;
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER hardware_assets_sync_macs AFTER INSERT OR UPDATE ON hardware_assets
  FOR EACH ROW EXECUTE FUNCTION hardware_assets_sync_macs();--> statement-breakpoint
-- A renamed person's assets follow (their sort key and search text).
CREATE FUNCTION people_rename_assets() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE hardware_assets SET user_name = NEW.name_kanji WHERE user_id = NEW.id;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER people_rename_assets AFTER UPDATE OF name_kanji ON people
  FOR EACH ROW WHEN (OLD.name_kanji IS DISTINCT FROM NEW.name_kanji) EXECUTE FUNCTION people_rename_assets();
--> statement-breakpoint
-- Each agent re-run rewrites ~1,200 rows of one device; free space per page lets those updates stay on the page (HOT).
ALTER TABLE asset_software SET (fillfactor = 50);
