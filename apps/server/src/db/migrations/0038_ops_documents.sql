CREATE TABLE "ops_document_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"verified_on" date NOT NULL,
	"verified_by" text NOT NULL,
	"result" text NOT NULL,
	"from_version" text NOT NULL,
	"to_version" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ops_document_reviews_result_check" CHECK ("ops_document_reviews"."result" in ('no_change','updated'))
);
--> statement-breakpoint
CREATE TABLE "ops_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"doc_version" text NOT NULL,
	"file_id" uuid,
	"owner" text,
	"review_interval_months" integer DEFAULT 12 NOT NULL,
	"last_verified_on" date,
	"reminded_for" date,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ops_documents_kind_check" CHECK ("ops_documents"."kind" in ('malware_response_plan','malware_checklist','restore_plan','restore_checklist','backup_schedule','patch_procedure','other'))
);
--> statement-breakpoint
ALTER TABLE "ops_document_reviews" ADD CONSTRAINT "ops_document_reviews_document_id_ops_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."ops_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ops_documents" ADD CONSTRAINT "ops_documents_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ops_document_reviews_doc_idx" ON "ops_document_reviews" USING btree ("document_id","verified_on");