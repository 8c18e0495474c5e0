-- Numbers for usage-ledger and distribution rows (their import key); the sequences come first.
CREATE SEQUENCE IF NOT EXISTS software_installation_number_seq;--> statement-breakpoint
CREATE SEQUENCE IF NOT EXISTS software_distribution_number_seq;--> statement-breakpoint
ALTER TABLE "software_distributions" ADD COLUMN "entry_number" text DEFAULT 'SD-' || lpad(nextval('software_distribution_number_seq')::text, 6, '0') NOT NULL;--> statement-breakpoint
ALTER TABLE "software_installations" ADD COLUMN "entry_number" text DEFAULT 'SU-' || lpad(nextval('software_installation_number_seq')::text, 6, '0') NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "software_distributions_entry_number_key" ON "software_distributions" USING btree ("entry_number");--> statement-breakpoint
CREATE UNIQUE INDEX "software_installations_entry_number_key" ON "software_installations" USING btree ("entry_number");