-- The audit log becomes several hash chains (decision 0004, amended). Rows written before keep chain 0, whose
-- genesis is the single chain's, so they stay valid and chain 0 continues from its head. A constant default adds the
-- column without rewriting the table; the index serves each chain's head and the per-chain order.
ALTER TABLE "audit_log" ADD COLUMN "chain" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_log_chain_idx" ON "audit_log" USING btree ("chain","id");