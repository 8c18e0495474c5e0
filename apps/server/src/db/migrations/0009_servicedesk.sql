CREATE TABLE "call_import_mappings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "call_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"external_id" text,
	"ticket_id" uuid,
	"site_id" uuid,
	"direction" text DEFAULT 'inbound' NOT NULL,
	"caller_number" text,
	"called_number" text,
	"queued_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"operator_user_id" uuid,
	"operator_label" text,
	"voice_callback" boolean DEFAULT false NOT NULL,
	"callback_at" timestamp with time zone,
	"wait_seconds" integer,
	"talk_seconds" integer,
	"import_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "callrecords_order_check" CHECK (("call_records"."answered_at" is null or "call_records"."answered_at" >= "call_records"."queued_at") and ("call_records"."ended_at" is null or "call_records"."ended_at" >= coalesce("call_records"."answered_at", "call_records"."queued_at")))
);
--> statement-breakpoint
CREATE TABLE "ticket_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"parent_id" uuid,
	"name_ja" text NOT NULL,
	"name_en" text NOT NULL,
	"spec_ref" text,
	"owner_department_id" uuid,
	"owner_note" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_user_id" uuid,
	"actor_label" text NOT NULL,
	"visibility" text DEFAULT 'internal' NOT NULL,
	"body" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticketevents_visibility_check" CHECK ("ticket_events"."visibility" in ('public','internal'))
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"channel" text NOT NULL,
	"language" text DEFAULT 'ja' NOT NULL,
	"requester_person_id" uuid,
	"requester_name" text,
	"requester_email" text,
	"requester_phone" text,
	"requester_organization" text,
	"requester_user_id" uuid,
	"site_id" uuid NOT NULL,
	"category_id" uuid,
	"priority" text DEFAULT 'normal' NOT NULL,
	"subject" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"assignee_id" uuid,
	"team" text DEFAULT 'helpdesk' NOT NULL,
	"install_request" boolean DEFAULT false NOT NULL,
	"no_response" boolean DEFAULT false NOT NULL,
	"no_response_reason" text,
	"no_response_note" text,
	"status" text DEFAULT 'new' NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"first_answered_at" timestamp with time zone,
	"first_answer_due_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"escalated" boolean DEFAULT false NOT NULL,
	"escalation_vendor" text,
	"first_contact_resolution" boolean DEFAULT false NOT NULL,
	"handling_seconds" integer DEFAULT 0 NOT NULL,
	"event_count" integer DEFAULT 0 NOT NULL,
	"last_event_at" timestamp with time zone,
	"at_risk_notified_at" timestamp with time zone,
	"mail_thread_id" text,
	"search_text" text DEFAULT '' NOT NULL,
	"search_grams" text[] DEFAULT '{}'::text[] NOT NULL,
	"imported_from" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tickets_no_response_reason_check" CHECK (not "tickets"."no_response" or "tickets"."no_response_reason" is not null)
);
--> statement-breakpoint
ALTER TABLE "call_records" ADD CONSTRAINT "call_records_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_records" ADD CONSTRAINT "call_records_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_records" ADD CONSTRAINT "call_records_operator_user_id_users_id_fk" FOREIGN KEY ("operator_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_categories" ADD CONSTRAINT "ticket_categories_owner_department_id_departments_id_fk" FOREIGN KEY ("owner_department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_events" ADD CONSTRAINT "ticket_events_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_events" ADD CONSTRAINT "ticket_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_requester_person_id_people_id_fk" FOREIGN KEY ("requester_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_requester_user_id_users_id_fk" FOREIGN KEY ("requester_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_category_id_ticket_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."ticket_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "callrecords_external_id_key" ON "call_records" USING btree ("external_id");--> statement-breakpoint
CREATE INDEX "call_records_queued_idx" ON "call_records" USING btree ("queued_at");--> statement-breakpoint
CREATE INDEX "call_records_ticket_idx" ON "call_records" USING btree ("ticket_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ticketcategories_code_key" ON "ticket_categories" USING btree ("code");--> statement-breakpoint
CREATE INDEX "ticket_categories_parent_idx" ON "ticket_categories" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ticketevents_seq_key" ON "ticket_events" USING btree ("ticket_id","seq");--> statement-breakpoint
CREATE INDEX "ticket_events_type_at_idx" ON "ticket_events" USING btree ("type","at");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_number_key" ON "tickets" USING btree ("number");--> statement-breakpoint
CREATE INDEX "tickets_received_idx" ON "tickets" USING btree ("received_at","id");--> statement-breakpoint
CREATE INDEX "tickets_site_received_idx" ON "tickets" USING btree ("site_id","received_at");--> statement-breakpoint
CREATE INDEX "tickets_status_idx" ON "tickets" USING btree ("status","received_at");--> statement-breakpoint
CREATE INDEX "tickets_assignee_idx" ON "tickets" USING btree ("assignee_id","status");--> statement-breakpoint
CREATE INDEX "tickets_requester_person_idx" ON "tickets" USING btree ("requester_person_id");--> statement-breakpoint
CREATE INDEX "tickets_requester_user_idx" ON "tickets" USING btree ("requester_user_id");--> statement-breakpoint
CREATE INDEX "tickets_mail_thread_idx" ON "tickets" USING btree ("mail_thread_id");--> statement-breakpoint
CREATE INDEX "tickets_due_idx" ON "tickets" USING btree ("first_answer_due_at") WHERE "tickets"."first_answered_at" is null;--> statement-breakpoint
CREATE INDEX "tickets_grams_idx" ON "tickets" USING gin ("search_grams");
--> statement-breakpoint
-- Text search for Japanese and English (decision 0011). Search columns hold unyo_search_norm(text): NFKC-folded and
-- lower-cased, so ＰＣ finds PC. unyo_grams() lists every distinct 1- and 2-character substring without whitespace;
-- a GIN index on that array answers 1–2 character queries exactly and narrows longer ones (each of their bigrams
-- must be present) before LIKE confirms the substring. pg_trgm alone has no trigram for a 1–2 character query.
CREATE FUNCTION unyo_search_norm(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT lower(normalize(coalesce(t, ''), NFKC)) $$;--> statement-breakpoint
CREATE FUNCTION unyo_grams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT v.g), '{}')
  FROM (SELECT unyo_search_norm(t) AS s) n
  CROSS JOIN LATERAL generate_series(1, length(n.s)) AS i
  CROSS JOIN LATERAL (VALUES (substr(n.s, i, 1)), (substr(n.s, i, 2))) AS v(g)
  WHERE v.g !~ '[[:space:]]'
$$;

--> statement-breakpoint
-- Ticket numbers: HD-<year>-<6 digits> from one sequence (numbers never repeat; they do not restart each year,
-- so that concurrent creation needs no counter-row lock; decision 0011).
CREATE SEQUENCE ticket_number_seq;--> statement-breakpoint
-- The searchable text of a ticket (decision 0011): number, subject, requester and the first 1,000 characters of the
-- description, normalized; its 1–2 character grams answer short Japanese queries.
CREATE FUNCTION tickets_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_text := unyo_search_norm(concat_ws(' ', NEW.number, NEW.subject, NEW.requester_name, NEW.requester_email,
    NEW.requester_organization, left(NEW.description, 1000)));
  NEW.search_grams := unyo_grams(NEW.search_text);
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER tickets_search BEFORE INSERT OR UPDATE OF number, subject, requester_name, requester_email,
  requester_organization, description ON tickets FOR EACH ROW EXECUTE FUNCTION tickets_search();--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tickets_search_trgm_idx" ON "tickets" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
-- The timeline is append-only: corrections are new events.
CREATE FUNCTION ticket_events_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ticket events are append-only' USING ERRCODE = 'restrict_violation';
END $$;--> statement-breakpoint
CREATE TRIGGER ticket_events_immutable BEFORE UPDATE OR DELETE ON ticket_events
  FOR EACH ROW EXECUTE FUNCTION ticket_events_immutable();
